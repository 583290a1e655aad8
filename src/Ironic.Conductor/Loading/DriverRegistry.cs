using Ironic.Common.Config;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Loading;

/// <summary>
/// The enabled drivers (Ironic's <c>driver_factory</c>): the hardware types of
/// <c>enabled_hardware_types</c> and the implementations of <c>enabled_&lt;kind&gt;_interfaces</c>,
/// one shared instance each, plus the rules that pick a node's implementation of every kind.
/// A configuration naming something unknown, or leaving a hardware type without an enabled
/// implementation of a kind, fails here, at start-up, with a message listing the known names.
/// </summary>
public sealed class DriverRegistry
{
    // Ironic's defaults for enabled_<kind>_interfaces; names this build lacks are skipped.
    private static readonly Dictionary<string, string[]> IronicDefaults = new()
    {
        [InterfaceKind.Bios] = ["no-bios", "redfish"],
        [InterfaceKind.Boot] = ["ipxe", "pxe", "redfish-virtual-media"],
        [InterfaceKind.Console] = ["no-console"],
        [InterfaceKind.Deploy] = ["direct", "ramdisk"],
        // Ironic enables "agent" only on request; here it is on by default (no generic node prefers it: GenericHardware).
        [InterfaceKind.Inspect] = ["no-inspect", "redfish", "agent"],
        [InterfaceKind.Management] = ["ipmitool", "redfish"],
        [InterfaceKind.Network] = ["flat", "noop"],
        [InterfaceKind.Power] = ["ipmitool", "redfish"],
        [InterfaceKind.Raid] = ["agent", "no-raid", "redfish"],
        [InterfaceKind.Rescue] = ["no-rescue"],
        [InterfaceKind.Storage] = ["cinder", "noop"],
        [InterfaceKind.Vendor] = ["ipmitool", "redfish", "no-vendor"],
    };

    private readonly Dictionary<string, HardwareType> hardwareTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, BaseInterface>> interfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> configuredDefaults;

    /// <summary>Enables what <paramref name="options"/> asks for; plugins get <paramref name="services"/> (default: no logging).</summary>
    public DriverRegistry(DriverCatalog catalog, IronicOptions options, IDriverServices? services = null)
    {
        Catalog = catalog;
        services ??= new DriverServices(options);
        var o = options.Default;
        foreach (var name in o.EnabledHardwareTypes)
        {
            var entry = catalog.Find(DriverCatalog.HardwareTypeKind, name) ?? throw new ConfigError(
                $"[DEFAULT] enabled_hardware_types names '{name}', but no hardware type of that name was found in the plugin " +
                $"directories ({string.Join(", ", o.PluginDirs)}). Known hardware types: {Known(catalog, DriverCatalog.HardwareTypeKind)}.");
            hardwareTypes[name] = Create<HardwareType>(entry, services);
        }

        foreach (var kind in InterfaceKind.All)
        {
            interfaces[kind] = new Dictionary<string, BaseInterface>(StringComparer.Ordinal);
            foreach (var name in EnabledNames(catalog, o, kind, hardwareTypes))
            {
                var entry = catalog.Find(kind, name) ?? throw new ConfigError(
                    $"[DEFAULT] enabled_{kind}_interfaces names '{name}', but no {kind} interface of that name was found. " +
                    $"Known {kind} interfaces: {Known(catalog, kind)}.");
                interfaces[kind][name] = Create<BaseInterface>(entry, services);
            }
        }

        configuredDefaults = new Dictionary<string, string?>(o.DefaultInterfaces, StringComparer.Ordinal);
        foreach (var (kind, name) in configuredDefaults)
        {
            if (name is not null && !interfaces[kind].ContainsKey(name))
            {
                throw new ConfigError(
                    $"[DEFAULT] default_{kind}_interface is '{name}', which is not enabled. " +
                    $"Enabled {kind} interfaces: {string.Join(", ", interfaces[kind].Keys)}; add it to enabled_{kind}_interfaces.");
            }
        }

        // Every enabled hardware type must be usable: a default for each kind.
        foreach (var name in hardwareTypes.Keys)
        {
            foreach (var kind in InterfaceKind.All)
            {
                try
                {
                    DefaultInterface(name, kind, null);
                }
                catch (IronicException e)
                {
                    throw new ConfigError($"{e.Message} Supported {kind} interfaces of {name}: " +
                        $"{string.Join(", ", hardwareTypes[name].Supported(kind))}; enabled: {string.Join(", ", interfaces[kind].Keys)}.");
                }
            }
        }
    }

    public DriverCatalog Catalog { get; }

    /// <summary>Enabled hardware types by name.</summary>
    public IReadOnlyDictionary<string, HardwareType> HardwareTypes => hardwareTypes;

    /// <summary>The enabled implementations of <paramref name="kind"/> by name, one shared instance each.</summary>
    public IReadOnlyDictionary<string, BaseInterface> Interfaces(string kind) => interfaces[kind];

    /// <summary>The enabled implementation names of <paramref name="kind"/>, in configuration order.</summary>
    public IReadOnlyList<string> Enabled(string kind) => [.. interfaces[kind].Keys];

    /// <summary>Enabled implementations a hardware type can use (every enabled one for fake-hardware).</summary>
    public IReadOnlyList<string> EnabledSupported(string hardwareType, string kind)
    {
        var hw = Hardware(hardwareType);
        return hw.AcceptsAnyInterface
            ? Enabled(kind)
            : [.. hw.Supported(kind).Where(interfaces[kind].ContainsKey)];
    }

    /// <summary>
    /// The implementation a node gets when it names none: <c>default_&lt;kind&gt;_interface</c> when set
    /// (it must suit the hardware type), else the hardware type's most preferred enabled one.
    /// </summary>
    public string DefaultInterface(string hardwareType, string kind, string? nodeUuid)
    {
        var hw = Hardware(hardwareType);
        if (configuredDefaults.GetValueOrDefault(kind) is { } configured)
        {
            return hw.AcceptsAnyInterface || hw.Supported(kind).Contains(configured)
                ? configured
                : throw new NoValidDefaultForInterface(kind, hardwareType, nodeUuid);
        }

        return hw.Supported(kind).FirstOrDefault(interfaces[kind].ContainsKey)
            ?? throw new NoValidDefaultForInterface(kind, hardwareType, nodeUuid);
    }

    /// <summary>The enabled instance of an implementation, checked against the hardware type.</summary>
    public BaseInterface GetInterface(string hardwareType, string kind, string name)
    {
        if (!interfaces[kind].TryGetValue(name, out var impl))
        {
            throw new InterfaceNotFoundInEntrypoint(kind, name, interfaces[kind].Keys);
        }

        var hw = Hardware(hardwareType);
        return hw.AcceptsAnyInterface || hw.Supported(kind).Contains(name)
            ? impl
            : throw new IncompatibleInterface(kind, name, hw.GetType().Name);
    }

    /// <summary>
    /// Checks the node's chosen implementations and fills in defaults for the kinds it leaves empty;
    /// returns the fields it set. Throws 400-class errors for unknown or unsupported choices.
    /// </summary>
    public IReadOnlyList<string> CheckAndUpdateNodeInterfaces(Node node)
    {
        var set = new List<string>();
        foreach (var kind in InterfaceKind.All)
        {
            var current = NodeInterfaces.Get(node, kind);
            if (current is not null)
            {
                GetInterface(node.Driver, kind, current);
                continue;
            }

            NodeInterfaces.Set(node, kind, DefaultInterface(node.Driver, kind, node.Uuid));
            set.Add(InterfaceKind.FieldName(kind));
        }

        return set;
    }

    /// <summary>Builds the driver for a node whose interfaces are set (see <see cref="CheckAndUpdateNodeInterfaces"/>).</summary>
    public IDriver Build(Node node)
    {
        var hw = Hardware(node.Driver);
        var chosen = InterfaceKind.All.ToDictionary(k => k,
            k => GetInterface(node.Driver, k, NodeInterfaces.Get(node, k) ?? DefaultInterface(node.Driver, k, node.Uuid)));
        return new ComposedDriver(node.Driver, hw, chosen);
    }

    /// <summary>One enabled implementation instance (for node-independent calls such as driver properties).</summary>
    public BaseInterface? Find(string kind, string name) => interfaces[kind].GetValueOrDefault(name);

    private HardwareType Hardware(string name) =>
        hardwareTypes.TryGetValue(name, out var hw) ? hw : throw new DriverNotFound(name);

    // The hardware types are the instances already built for enabled_hardware_types, not new ones:
    // a plugin's constructor runs once.
    private static IEnumerable<string> EnabledNames(DriverCatalog catalog, DefaultOptions o, string kind,
        IReadOnlyDictionary<string, HardwareType> enabledTypes)
    {
        if (o.EnabledInterfaces.GetValueOrDefault(kind) is { Count: > 0 } configured)
        {
            return configured;
        }

        // Not configured: Ironic's defaults that this build has, plus what each enabled hardware
        // type prefers first among the discovered implementations (Ironic's own fallback).
        var names = IronicDefaults[kind].Where(n => catalog.Find(kind, n) is not null).ToList();
        foreach (var hw in o.EnabledHardwareTypes.Select(name => enabledTypes[name]))
        {
            if (hw.Supported(kind).FirstOrDefault(n => catalog.Find(kind, n) is not null) is { } first && !names.Contains(first))
            {
                names.Add(first);
            }
        }

        return names;
    }

    private static string Known(DriverCatalog catalog, string kind) =>
        catalog.Names(kind) is { Count: > 0 } names ? string.Join(", ", names) : "(none)";

    private static T Create<T>(CatalogEntry entry, IDriverServices services)
        where T : class
    {
        try
        {
            // A constructor taking the host's services wins over a parameterless one.
            return entry.Type.GetConstructor([typeof(IDriverServices)]) is { } withServices
                ? (T)withServices.Invoke([services])
                : (T)Activator.CreateInstance(entry.Type)!;
        }
        catch (Exception e) when (e is System.Reflection.TargetInvocationException or MissingMethodException or InvalidCastException)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new ConfigError(new DriverLoadError(entry.Name, $"{entry.Type.FullName} from {entry.Source} failed to start: {reason}").Message);
        }
    }
}
