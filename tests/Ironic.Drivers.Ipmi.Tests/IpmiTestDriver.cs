using Ironic.Common.Config;
using Ironic.Conductor.Loading;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// The ipmi driver composed by hand from the real power, management and vendor interfaces, built through the
/// host's own <see cref="DriverServices"/> over options given as <c>IRONIC_&lt;SECTION&gt;__&lt;OPTION&gt;</c> variables.
/// </summary>
internal sealed class IpmiTestDriver : TestDriver
{
    public IpmiTestDriver(IReadOnlyDictionary<string, string>? options = null)
        : this(Services(options))
    {
    }

    private IpmiTestDriver(DriverServices services)
        : base("ipmi", new IpmiHardware(), new IpmitoolPower(services), new IpmitoolManagement(services), new IpmitoolVendor(services))
    {
    }

    private static DriverServices Services(IReadOnlyDictionary<string, string>? options)
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

        return new DriverServices(IronicOptions.Load([], env));
    }
}
