using Ironic.Drivers;

namespace Ironic.Conductor.Loading;

/// <summary>A node's driver: its hardware type with the chosen implementation of each kind.</summary>
internal sealed class ComposedDriver(string name, HardwareType hardwareType, IReadOnlyDictionary<string, BaseInterface> interfaces) : IDriver
{
    public string Name { get; } = name;
    public HardwareType HardwareType { get; } = hardwareType;
    public BiosInterface Bios => (BiosInterface)interfaces[InterfaceKind.Bios];
    public BootInterface Boot => (BootInterface)interfaces[InterfaceKind.Boot];
    public ConsoleInterface Console => (ConsoleInterface)interfaces[InterfaceKind.Console];
    public DeployInterface Deploy => (DeployInterface)interfaces[InterfaceKind.Deploy];
    public InspectInterface Inspect => (InspectInterface)interfaces[InterfaceKind.Inspect];
    public ManagementInterface Management => (ManagementInterface)interfaces[InterfaceKind.Management];
    public NetworkInterface Network => (NetworkInterface)interfaces[InterfaceKind.Network];
    public PowerInterface Power => (PowerInterface)interfaces[InterfaceKind.Power];
    public RaidInterface Raid => (RaidInterface)interfaces[InterfaceKind.Raid];
    public RescueInterface Rescue => (RescueInterface)interfaces[InterfaceKind.Rescue];
    public StorageInterface Storage => (StorageInterface)interfaces[InterfaceKind.Storage];
    public VendorInterface Vendor => (VendorInterface)interfaces[InterfaceKind.Vendor];

    public BaseInterface Get(string kind) => interfaces[kind];
}
