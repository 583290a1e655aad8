using System.Reflection;
using Ironic.Drivers;

namespace Ironic.Conductor.Loading;

/// <summary>
/// Everything plugin discovery found, enabled or not (the equivalent of Ironic's entry points
/// <c>ironic.hardware.types</c> and <c>ironic.hardware.interfaces.&lt;kind&gt;</c>). A plugin that
/// fails to load, or declares a name already taken, is recorded as a problem and skipped.
/// </summary>
public sealed class DriverCatalog
{
    public const string HardwareTypeKind = "hardware-type";

    private readonly Dictionary<(string Kind, string Name), CatalogEntry> entries = [];
    private readonly List<PluginProblem> problems = [];

    public IReadOnlyList<PluginProblem> Problems => problems;

    public IEnumerable<CatalogEntry> Entries => entries.Values;

    /// <summary>Names found for a kind (hardware types: <see cref="HardwareTypeKind"/>), sorted.</summary>
    public IReadOnlyList<string> Names(string kind) =>
        [.. entries.Keys.Where(k => k.Kind == kind).Select(k => k.Name).Order(StringComparer.Ordinal)];

    public CatalogEntry? Find(string kind, string name) => entries.GetValueOrDefault((kind, name));

    /// <summary>Scans each directory: every <c>plugins/&lt;Name&gt;/&lt;Name&gt;.dll</c>, and any DLL directly inside.</summary>
    public static DriverCatalog Discover(IEnumerable<string> directories)
    {
        var catalog = new DriverCatalog();
        foreach (var dir in directories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).Distinct())
        {
            if (!Directory.Exists(dir))
            {
                catalog.problems.Add(new PluginProblem(dir, "plugin directory does not exist"));
                continue;
            }

            var candidates = Directory.GetDirectories(dir).Order(StringComparer.Ordinal)
                .Select(sub => Path.Combine(sub, Path.GetFileName(sub) + ".dll"))
                .Where(File.Exists)
                .Concat(Directory.GetFiles(dir, "*.dll").Order(StringComparer.Ordinal));
            foreach (var path in candidates)
            {
                catalog.Load(path);
            }
        }

        return catalog;
    }

    /// <summary>Registers the classes of an already loaded assembly (tests, or a host that links a driver).</summary>
    public void Add(Assembly assembly, string source) => Register(assembly, source);

    private void Load(string path)
    {
        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            problems.Add(new PluginProblem(path, $"cannot be loaded: {e.Message}"));
            return;
        }

        Register(assembly, path);
    }

    private void Register(Assembly assembly, string source)
    {
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            problems.Add(new PluginProblem(source, $"its types cannot be read (a missing dependency?): {e.Message}"));
            return;
        }

        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var (kind, name) = Describe(type);
            if (kind is null || name is null)
            {
                continue;
            }

            if (entries.TryGetValue((kind, name), out var taken))
            {
                problems.Add(new PluginProblem(source,
                    $"{type.FullName} declares {kind} '{name}', already provided by {taken.Type.FullName} from {taken.Source}; skipped"));
                continue;
            }

            if (type.GetConstructor(Type.EmptyTypes) is null && type.GetConstructor([typeof(IDriverServices)]) is null)
            {
                problems.Add(new PluginProblem(source, $"{type.FullName} has no public constructor taking nothing or IDriverServices; skipped"));
                continue;
            }

            // Step, passthru and periodic task declarations are read here, once: a malformed one skips the class now
            // rather than failing every call later.
            if (kind != HardwareTypeKind && DeclarationProblem(type, kind) is { } problem)
            {
                problems.Add(new PluginProblem(source, $"{type.FullName}: {problem}; skipped"));
                continue;
            }

            entries[(kind, name)] = new CatalogEntry(kind, name, type, source);
        }
    }

    private static string? DeclarationProblem(Type type, string kind)
    {
        try
        {
            _ = StepTable.For(type, kind);
            _ = Periodic.DriverPeriodicTable.For(type);
            if (typeof(VendorInterface).IsAssignableFrom(type))
            {
                _ = VendorMethodTable.For(type);
            }

            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static (string? Kind, string? Name) Describe(Type type)
    {
        if (type.GetCustomAttribute<HardwareTypeAttribute>(inherit: false) is { } ht)
        {
            return typeof(HardwareType).IsAssignableFrom(type) ? (HardwareTypeKind, ht.Name) : (null, null);
        }

        if (type.GetCustomAttribute<HardwareInterfaceAttribute>(inherit: false) is { } hi && typeof(BaseInterface).IsAssignableFrom(type))
        {
            return (KindOf(type), hi.Name);
        }

        return (null, null);
    }

    // The kind is the contract base class the implementation derives from (PowerInterface is "power").
    private static string? KindOf(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.Assembly == typeof(BaseInterface).Assembly && t != typeof(BaseInterface) && t.IsAbstract)
            {
                var name = t.Name;
                return name.EndsWith("Interface", StringComparison.Ordinal) ? name[..^"Interface".Length].ToLowerInvariant() : null;
            }
        }

        return null;
    }
}
