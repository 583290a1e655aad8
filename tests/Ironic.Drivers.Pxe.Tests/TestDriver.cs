namespace Ironic.Drivers.Pxe.Tests;

/// <summary>A driver composed by hand of the interfaces under test; other kinds are absent.</summary>
internal sealed class TestDriver(BootInterface boot, DeployInterface? deploy = null) : IDriver
{
    public string Name => "test-hardware";

    public HardwareType HardwareType { get; } = new TestHardware();

    public RecordingManagement RecordingManagement { get; } = new();

    public RecordingPower RecordingPower { get; } = new();

    public BiosInterface Bios => throw new NotSupportedException();
    public BootInterface Boot { get; } = boot;
    public ConsoleInterface Console => throw new NotSupportedException();
    public DeployInterface Deploy => deploy ?? throw new NotSupportedException();
    public InspectInterface Inspect => throw new NotSupportedException();
    public ManagementInterface Management => RecordingManagement;
    public NetworkInterface Network => throw new NotSupportedException();
    public PowerInterface Power => RecordingPower;
    public RaidInterface Raid => throw new NotSupportedException();
    public RescueInterface Rescue => throw new NotSupportedException();
    public StorageInterface Storage => throw new NotSupportedException();
    public VendorInterface Vendor => throw new NotSupportedException();

    public BaseInterface Get(string kind) => kind switch
    {
        InterfaceKind.Boot => Boot,
        InterfaceKind.Deploy => Deploy,
        InterfaceKind.Management => Management,
        InterfaceKind.Power => Power,
        _ => throw new NotSupportedException(kind),
    };

    private sealed class TestHardware : GenericHardware
    {
        public override IReadOnlyList<string> SupportedManagementInterfaces => ["recording"];

        public override IReadOnlyList<string> SupportedPowerInterfaces => ["recording"];
    }
}
