using System.Globalization;
using System.Text.Json.Nodes;
using Ironic.Common.Config;
using Ironic.Conductor.Periodic;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Conductor.Tests;

/// <summary>The periodic power state sync, run one pass at a time over fake-hardware nodes whose "hardware" is their driver_info.</summary>
public sealed class PowerSyncTests(ConductorFixture fx) : IClassFixture<ConductorFixture>
{
    private const string Host = "power-sync-host";

    private PowerSync Sync(bool force = true, int retries = 2) => new(fx.Store, fx.Tasks(Host, new ManualTimeProvider(ConductorFixture.T0)),
        IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_CONDUCTOR__FORCE_POWER_STATE_DURING_SYNC"] = force ? "true" : "false",
            ["IRONIC_CONDUCTOR__POWER_STATE_SYNC_MAX_RETRIES"] = retries.ToString(CultureInfo.InvariantCulture),
        }),
        NullLogger<PowerSync>.Instance);

    /// <summary>A node recorded as powered on whose fake hardware answers <paramref name="driverInfo"/>.</summary>
    private async Task<string> PoweredOnNodeAsync(string provisionState, JsonObject driverInfo, Action<Node>? configure = null) =>
        (await fx.AddNodeAsync(n =>
        {
            n.ProvisionState = provisionState;
            n.PowerState = "power on";
            n.DriverInfo = driverInfo;
            configure?.Invoke(n);
        })).Uuid;

    [Fact]
    public async Task PowerSync_RecordsAChangeMadeOutsideIronic_WhenNotForcing()
    {
        var uuid = await PoweredOnNodeAsync("manageable", new JsonObject { ["fake_actual_power_state"] = "power off" });

        await Sync(force: false).RunOnceAsync(CancellationToken.None);

        Assert.Equal("power off", (await fx.GetNodeAsync(uuid)).PowerState);
    }

    [Fact]
    public async Task PowerSync_ForcesTheRecordedStateBackOntoTheHardware()
    {
        var uuid = await PoweredOnNodeAsync("manageable", new JsonObject { ["fake_actual_power_state"] = "power off" });

        await Sync(force: true).RunOnceAsync(CancellationToken.None);

        var stored = await fx.GetNodeAsync(uuid);
        Assert.Equal("power on", stored.PowerState);
        Assert.Equal("power on", (string?)stored.DriverInfo["fake_actual_power_state"]);
    }

    [Fact]
    public async Task PowerSync_PutsANodeIntoMaintenanceAfterRepeatedFailures()
    {
        var uuid = await PoweredOnNodeAsync("manageable", new JsonObject { ["fake_power_read_error"] = "no route to host" });
        var sync = Sync(retries: 2);

        await sync.RunOnceAsync(CancellationToken.None);
        var afterOne = await fx.GetNodeAsync(uuid);
        await sync.RunOnceAsync(CancellationToken.None);
        var afterTwo = await fx.GetNodeAsync(uuid);

        Assert.False(afterOne.Maintenance);
        Assert.True(afterTwo.Maintenance);
        Assert.Equal("power failure", afterTwo.Fault);
        Assert.Contains("no route to host", afterTwo.MaintenanceReason, StringComparison.Ordinal);
        Assert.Null(afterTwo.Reservation);
    }

    [Fact]
    public async Task PowerSync_SkipsNodesInMaintenanceOrMidOperation()
    {
        // Both nodes' hardware is off while the record says on: a pass that read either would record "power off".
        var off = new JsonObject { ["fake_actual_power_state"] = "power off" };
        var busy = await PoweredOnNodeAsync("cleaning", off.DeepClone().AsObject());
        var maintained = await PoweredOnNodeAsync("manageable", off.DeepClone().AsObject(), n =>
        {
            n.Maintenance = true;
            n.MaintenanceReason = "disk swap";
        });
        // A control node in a stable state out of maintenance: the pass did run and did read hardware.
        var control = await PoweredOnNodeAsync("manageable", off.DeepClone().AsObject());

        await Sync(force: false).RunOnceAsync(CancellationToken.None);

        Assert.Equal("power off", (await fx.GetNodeAsync(control)).PowerState);
        Assert.Equal("power on", (await fx.GetNodeAsync(busy)).PowerState);
        var kept = await fx.GetNodeAsync(maintained);
        Assert.Equal("power on", kept.PowerState);
        Assert.True(kept.Maintenance);
        Assert.Equal("disk swap", kept.MaintenanceReason);
    }
}
