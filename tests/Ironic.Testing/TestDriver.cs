using Ironic.Drivers;

namespace Ironic.Testing;

/// <summary>
/// A driver composed by hand, as the conductor composes one for a node: a hardware type and the interfaces
/// under test, each standing for its kind (a <see cref="PowerInterface"/> is the power interface, and so on).
/// A kind not given throws <see cref="NotSupportedException"/> when asked for, so a test sees at once which
/// interface the code under test reached for. Not sealed: a test project may derive to build its interfaces
/// from its own options and keep typed handles on them.
/// </summary>
public class TestDriver : IDriver
{
    private readonly Dictionary<string, BaseInterface> interfaces = new(StringComparer.Ordinal);

    /// <param name="name">The hardware type's registered name, e.g. <c>ipmi</c>.</param>
    /// <param name="hardwareType">The hardware type.</param>
    /// <param name="interfaces">At most one implementation of each kind.</param>
    public TestDriver(string name, HardwareType hardwareType, params IEnumerable<BaseInterface> interfaces)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        Name = name;
        HardwareType = hardwareType;
        foreach (var implementation in interfaces)
        {
            var kind = KindOf(implementation);
            if (!this.interfaces.TryAdd(kind, implementation))
            {
                throw new ArgumentException($"Two {kind} interfaces given: {this.interfaces[kind].GetType().Name} and {implementation.GetType().Name}.", nameof(interfaces));
            }
        }
    }

    public string Name { get; }

    public HardwareType HardwareType { get; }

    public BiosInterface Bios => (BiosInterface)Get(InterfaceKind.Bios);
    public BootInterface Boot => (BootInterface)Get(InterfaceKind.Boot);
    public ConsoleInterface Console => (ConsoleInterface)Get(InterfaceKind.Console);
    public DeployInterface Deploy => (DeployInterface)Get(InterfaceKind.Deploy);
    public InspectInterface Inspect => (InspectInterface)Get(InterfaceKind.Inspect);
    public ManagementInterface Management => (ManagementInterface)Get(InterfaceKind.Management);
    public NetworkInterface Network => (NetworkInterface)Get(InterfaceKind.Network);
    public PowerInterface Power => (PowerInterface)Get(InterfaceKind.Power);
    public RaidInterface Raid => (RaidInterface)Get(InterfaceKind.Raid);
    public RescueInterface Rescue => (RescueInterface)Get(InterfaceKind.Rescue);
    public StorageInterface Storage => (StorageInterface)Get(InterfaceKind.Storage);
    public VendorInterface Vendor => (VendorInterface)Get(InterfaceKind.Vendor);

    public BaseInterface Get(string kind) =>
        interfaces.TryGetValue(kind, out var implementation)
            ? implementation
            : throw new NotSupportedException($"The test driver {Name} was given no {kind} interface.");

    private static string KindOf(BaseInterface implementation) => implementation switch
    {
        BiosInterface => InterfaceKind.Bios,
        BootInterface => InterfaceKind.Boot,
        ConsoleInterface => InterfaceKind.Console,
        DeployInterface => InterfaceKind.Deploy,
        InspectInterface => InterfaceKind.Inspect,
        ManagementInterface => InterfaceKind.Management,
        NetworkInterface => InterfaceKind.Network,
        PowerInterface => InterfaceKind.Power,
        RaidInterface => InterfaceKind.Raid,
        RescueInterface => InterfaceKind.Rescue,
        StorageInterface => InterfaceKind.Storage,
        VendorInterface => InterfaceKind.Vendor,
        null => throw new ArgumentNullException(nameof(implementation)),
        _ => throw new ArgumentException($"{implementation.GetType().Name} is of no interface kind.", nameof(implementation)),
    };
}
