using System.Reflection;
using System.Runtime.Loader;

namespace Ironic.Conductor.Loading;

/// <summary>
/// One plugin's own load context: its private dependencies resolve from its folder (through its
/// deps.json), while the driver contract always comes from the host, so its types are the host's.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath)
    : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible: false)
{
    // The contract and every assembly it references (Microsoft.Extensions.Logging.Abstractions, System.Text.Json,
    // ...) must be the host's own copies, or the types in its signatures (ILogger, JsonObject) would not match the
    // host's. Computed from the contract rather than listed, so a dependency the contract gains is shared too and a
    // plugin author never has to exclude it; any copy a plugin ships in its folder is ignored.
    private static readonly HashSet<string> Shared = ContractAndItsReferences();

    private readonly AssemblyDependencyResolver resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared with the host: the contract and its references; anything else the plugin does not carry (the
        // framework) also falls through to the host below.
        if (assemblyName.Name is { } name && Shared.Contains(name))
        {
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static HashSet<string> ContractAndItsReferences()
    {
        var contract = typeof(Ironic.Drivers.HardwareType).Assembly;
        var names = new HashSet<string>(StringComparer.Ordinal) { contract.GetName().Name! };
        foreach (var reference in contract.GetReferencedAssemblies())
        {
            names.Add(reference.Name!);
        }

        return names;
    }
}
