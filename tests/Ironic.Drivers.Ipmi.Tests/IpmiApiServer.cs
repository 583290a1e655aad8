using System.Globalization;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// Fifty ipmi_sim BMCs and the shared test host with the <c>ipmi</c> hardware type enabled as an operator
/// would (pxe boot, ramdisk deploy), loaded from the plugins folder like any plugin. The periodic power sync
/// is off: tests run it themselves.
/// </summary>
public sealed class IpmiApiServer : IronicTestHost, IAsyncLifetime
{
    public IpmiApiServer()
        : this(Math.Min(SimulatedBmcs.UnusedUdpPort(), 65000))
    {
    }

    private IpmiApiServer(int consolePorts)
        : base(new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = "ipmi",
            ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "pxe",
            ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "ramdisk",
            ["IRONIC_DEFAULT__ENABLED_POWER_INTERFACES"] = "ipmitool",
            ["IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES"] = "ipmitool",
            ["IRONIC_DEFAULT__ENABLED_VENDOR_INTERFACES"] = "ipmitool,no-vendor",
            ["IRONIC_IPMI__MIN_COMMAND_INTERVAL"] = "0.01",
            ["IRONIC_IPMI__COMMAND_RETRY_TIMEOUT"] = "1",
            ["IRONIC_CONDUCTOR__SYNC_POWER_STATE_INTERVAL"] = "0",
            ["IRONIC_CONDUCTOR__FORCE_POWER_STATE_DURING_SYNC"] = "false",
            ["IRONIC_CONSOLE__PORT_RANGE"] = string.Create(CultureInfo.InvariantCulture, $"{consolePorts}:{consolePorts + 20}"),
            ["IRONIC_CONSOLE__SOCAT_ADDRESS"] = "127.0.0.1",
        })
    {
        ConsolePorts = consolePorts;
    }

    /// <summary>The simulated BMCs the tests' nodes talk to.</summary>
    public SimulatedBmcs Bmcs { get; } = new FiftyBmcs();

    /// <summary>The first port of [console] port_range (ports the consoles' socat listen on).</summary>
    public int ConsolePorts { get; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Bmcs.InitializeAsync();
        await StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Bmcs.DisposeAsync();
    }

    /// <summary>Creates an ipmi node for BMC <paramref name="bmc"/> and returns its UUID.</summary>
    public async Task<string> CreateNodeAsync(int bmc, JsonObject? driverInfo = null) =>
        (string)(await CreateNodeAsync(new JsonObject { ["driver"] = "ipmi", ["driver_info"] = driverInfo ?? Bmcs.DriverInfo(bmc) }))["uuid"]!;

    private sealed class FiftyBmcs() : SimulatedBmcs(50);
}

[CollectionDefinition(Name)]
public sealed class IpmiApiCollection : ICollectionFixture<IpmiApiServer>
{
    public const string Name = "ipmi API";
}
