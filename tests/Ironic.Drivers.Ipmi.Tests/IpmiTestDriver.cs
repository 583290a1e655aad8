using Ironic.Common.Config;
using Ironic.Conductor.Loading;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// The ipmi driver composed by hand from the real interfaces, built through the host's own
/// <see cref="DriverServices"/> over options given as <c>IRONIC_&lt;SECTION&gt;__&lt;OPTION&gt;</c> variables.
/// Kinds these tests do not use are absent.
/// </summary>
internal sealed class IpmiTestDriver : IDriver
{
    private readonly Dictionary<string, BaseInterface> interfaces;

    public IpmiTestDriver(IReadOnlyDictionary<string, string>? options = null)
    {
        var env = new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__STATE_PATH"] = Path.GetTempPath(),
            // Fast tests: a small spacing per BMC and a short retry budget.
            ["IRONIC_IPMI__MIN_COMMAND_INTERVAL"] = "0.01",
            ["IRONIC_IPMI__COMMAND_RETRY_TIMEOUT"] = "1",
        };
        foreach (var (k, v) in options ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        var services = new DriverServices(IronicOptions.Load([], env));
        Power = new IpmitoolPower(services);
        Management = new IpmitoolManagement(services);
        Vendor = new IpmitoolVendor(services);
        interfaces = new()
        {
            [InterfaceKind.Power] = Power,
            [InterfaceKind.Management] = Management,
            [InterfaceKind.Vendor] = Vendor,
        };
    }

    public string Name => "ipmi";

    public HardwareType HardwareType { get; } = new IpmiHardware();

    public PowerInterface Power { get; }

    public ManagementInterface Management { get; }

    public VendorInterface Vendor { get; }

    public BiosInterface Bios => throw new NotSupportedException();
    public BootInterface Boot => throw new NotSupportedException();
    public ConsoleInterface Console => throw new NotSupportedException();
    public DeployInterface Deploy => throw new NotSupportedException();
    public InspectInterface Inspect => throw new NotSupportedException();
    public NetworkInterface Network => throw new NotSupportedException();
    public RaidInterface Raid => throw new NotSupportedException();
    public RescueInterface Rescue => throw new NotSupportedException();
    public StorageInterface Storage => throw new NotSupportedException();

    public BaseInterface Get(string kind) => interfaces[kind];
}
