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
    // The contract and what its signatures expose must be the host's own copies, or a plugin's
    // types would not match the host's (a plugin may ship its own copy in its folder).
    private static readonly HashSet<string> Shared = new(StringComparer.Ordinal)
    {
        typeof(Ironic.Drivers.HardwareType).Assembly.GetName().Name!,
        typeof(Microsoft.Extensions.Logging.ILogger).Assembly.GetName().Name!,
    };

    private readonly AssemblyDependencyResolver resolver = new(mainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Shared with the host: the contract, and anything the host already has (the framework).
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
}
