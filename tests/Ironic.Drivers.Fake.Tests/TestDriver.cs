namespace Ironic.Drivers.Fake.Tests;

/// <summary>A driver composed by hand, as the conductor's driver factory would compose it.</summary>
internal sealed class TestDriver(string name, HardwareType hardwareType, IReadOnlyDictionary<string, BaseInterface> interfaces) : IDriver
{
    public string Name { get; } = name;

    public HardwareType HardwareType { get; } = hardwareType;

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

    public BaseInterface Get(string kind) => interfaces[kind];

    /// <summary>fake-hardware with every kind's fake, and the noop network (there is no fake one).</summary>
    public static TestDriver FakeHardware() => new("fake-hardware", new FakeHardware(), new Dictionary<string, BaseInterface>
    {
        [InterfaceKind.Bios] = new FakeBios(),
        [InterfaceKind.Boot] = new FakeBoot(),
        [InterfaceKind.Console] = new FakeConsole(),
        [InterfaceKind.Deploy] = new FakeDeploy(),
        [InterfaceKind.Inspect] = new FakeInspect(),
        [InterfaceKind.Management] = new FakeManagement(),
        [InterfaceKind.Network] = new NoopNetwork(),
        [InterfaceKind.Power] = new FakePower(),
        [InterfaceKind.Raid] = new FakeRaid(),
        [InterfaceKind.Rescue] = new FakeRescue(),
        [InterfaceKind.Storage] = new FakeStorage(),
        [InterfaceKind.Vendor] = new FakeVendor(),
    });

    /// <summary>manual-management with its defaults: no-op optional interfaces, noop management.</summary>
    public static TestDriver ManualManagement() => new("manual-management", new ManualManagementHardware(), new Dictionary<string, BaseInterface>
    {
        [InterfaceKind.Bios] = new NoBios(),
        [InterfaceKind.Boot] = new FakeBoot(),
        [InterfaceKind.Console] = new NoConsole(),
        [InterfaceKind.Deploy] = new FakeDeploy(),
        [InterfaceKind.Inspect] = new NoInspect(),
        [InterfaceKind.Management] = new NoopManagement(),
        [InterfaceKind.Network] = new FlatNetwork(),
        [InterfaceKind.Power] = new FakePower(),
        [InterfaceKind.Raid] = new NoRaid(),
        [InterfaceKind.Rescue] = new NoRescue(),
        [InterfaceKind.Storage] = new NoopStorage(),
        [InterfaceKind.Vendor] = new NoVendor(),
    });
}
