namespace Ironic.Drivers.Pxe.Tests;

/// <summary>A driver composed by hand of the interfaces under test; other kinds are absent.</summary>
internal sealed class TestDriver(BootInterface boot, DeployInterface? deploy = null) : IDriver
{
    public string Name => "test-hardware";

    public HardwareType HardwareType { get; } = new TestHardware();

    public RecordingManagement RecordingManagement { get; } = new();

    public RecordingPower RecordingPower { get; } = new();

    /// <summary>What the deploy interface asked of the network and storage interfaces, in order.</summary>
    public List<string> NetworkAndStorageCalls { get; } = [];

    public BiosInterface Bios => throw new NotSupportedException();
    public BootInterface Boot { get; } = boot;
    public ConsoleInterface Console => throw new NotSupportedException();
    public DeployInterface Deploy => deploy ?? throw new NotSupportedException();
    public InspectInterface Inspect => throw new NotSupportedException();
    public ManagementInterface Management => RecordingManagement;
    public NetworkInterface Network => new RecordingNetwork(NetworkAndStorageCalls);
    public PowerInterface Power => RecordingPower;
    public RaidInterface Raid => throw new NotSupportedException();
    public RescueInterface Rescue => throw new NotSupportedException();
    public StorageInterface Storage => new RecordingStorage(NetworkAndStorageCalls);
    public VendorInterface Vendor => throw new NotSupportedException();

    public BaseInterface Get(string kind) => kind switch
    {
        InterfaceKind.Boot => Boot,
        InterfaceKind.Deploy => Deploy,
        InterfaceKind.Management => Management,
        InterfaceKind.Power => Power,
        _ => throw new NotSupportedException(kind),
    };

    private sealed class RecordingNetwork(List<string> calls) : NetworkInterface
    {
        public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => Record(calls, "network.validate");

        public override Task ConfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Record(calls, "network.configure_tenant_networks");

        public override Task UnconfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Record(calls, "network.unconfigure_tenant_networks");
    }

    private sealed class RecordingStorage(List<string> calls) : StorageInterface
    {
        public override Task AttachVolumesAsync(ITaskContext task, CancellationToken ct) => Record(calls, "storage.attach_volumes");

        public override Task DetachVolumesAsync(ITaskContext task, CancellationToken ct) => Record(calls, "storage.detach_volumes");
    }

    private static Task Record(List<string> calls, string call)
    {
        calls.Add(call);
        return Task.CompletedTask;
    }

    private sealed class TestHardware : GenericHardware
    {
        public override IReadOnlyList<string> SupportedManagementInterfaces => ["recording"];

        public override IReadOnlyList<string> SupportedPowerInterfaces => ["recording"];
    }
}
