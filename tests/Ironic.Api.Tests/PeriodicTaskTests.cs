using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Periodic;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Api.Tests;

/// <summary>The conductor's periodic tasks, run once at a time on the server's database; time comes from a fake clock.</summary>
[Collection(ApiCollection.Name)]
public sealed class PeriodicTaskTests(ApiServer server)
{
    private sealed class FakeClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static IronicOptions Options(params (string Key, string Value)[] settings) =>
        IronicOptions.Load([], settings.ToDictionary(s => s.Key, s => s.Value));

    private async Task<string> NodeInStateAsync(string state, DateTimeOffset updated, string driverInfo = "")
    {
        var uuid = (string)(await server.CreateNodeAsync(extraJson: driverInfo))["uuid"]!;
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.ProvisionState = state;
        node.ProvisionUpdatedAt = updated;
        await server.Store.Nodes.UpdateAsync(node, ["provision_state", "provision_updated_at"]);
        return uuid;
    }

    private ProvisionTimeouts Timeouts(TimeProvider clock) =>
        new(server.Store, server.Tasks, Options(("IRONIC_CONDUCTOR__CLEAN_CALLBACK_TIMEOUT", "600")), clock, NullLogger<ProvisionTimeouts>.Instance);

    [Fact]
    public async Task NodesWaitingPastTheirTimeout_Fail_AndTheOthersWait()
    {
        var start = DateTimeOffset.UtcNow;
        var late = await NodeInStateAsync("clean wait", start);
        var deploy = await NodeInStateAsync("wait call-back", start);
        var recent = await NodeInStateAsync("clean wait", start.AddMinutes(30));
        var lateNode = (await server.Store.Nodes.GetAsync("uuid", late))!;
        lateNode.DriverInternalInfo["clean_step_index"] = 0;
        await server.Store.Nodes.UpdateAsync(lateNode, ["driver_internal_info"]);

        var failed = await Timeouts(new FakeClock(start.AddMinutes(31))).RunOnceAsync(CancellationToken.None);

        Assert.Contains(late, failed);
        Assert.Contains(deploy, failed);
        Assert.DoesNotContain(recent, failed);
        var node = (await server.GetAsync($"/v1/nodes/{late}")).Json;
        Assert.Equal("clean failed", (string?)node["provision_state"]);
        Assert.StartsWith("Timeout reached while cleaning the node: it waited in \"clean wait\" for more than 600 s", (string?)node["last_error"]);
        Assert.Null(node["reservation"]);
        Assert.False(node["driver_internal_info"]!.AsObject().ContainsKey("clean_step_index"));
        Assert.Equal("deploy failed", (string?)(await server.GetAsync($"/v1/nodes/{deploy}")).Json["provision_state"]);
        Assert.Equal("clean wait", (string?)(await server.GetAsync($"/v1/nodes/{recent}")).Json["provision_state"]);
    }

    [Fact]
    public async Task ALockedWaitingNode_IsLeftForTheNextRun()
    {
        var start = DateTimeOffset.UtcNow;
        var uuid = await NodeInStateAsync("inspect wait", start);
        await server.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "inspecting", start);
        try
        {
            var failed = await Timeouts(new FakeClock(start.AddHours(2))).RunOnceAsync(CancellationToken.None);

            Assert.DoesNotContain(uuid, failed);
            Assert.Equal("inspect wait", (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_state"]);
        }
        finally
        {
            await server.Store.Reservations.ReleaseAsync(uuid, "other-conductor");
        }
    }

    private PowerSync Sync(bool force = true, int retries = 2) => new(server.Store, server.Tasks,
        Options(("IRONIC_CONDUCTOR__FORCE_POWER_STATE_DURING_SYNC", force ? "true" : "false"),
            ("IRONIC_CONDUCTOR__POWER_STATE_SYNC_MAX_RETRIES", retries.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        NullLogger<PowerSync>.Instance);

    private async Task SetPowerAsync(string uuid, string state)
    {
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.PowerState = state;
        await server.Store.Nodes.UpdateAsync(node, ["power_state"]);
    }

    [Fact]
    public async Task PowerSync_RecordsAChangeMadeOutsideIronic_WhenNotForcing()
    {
        var uuid = await NodeInStateAsync("manageable", DateTimeOffset.UtcNow, """, "driver_info": {"fake_actual_power_state": "power off"}""");
        await SetPowerAsync(uuid, "power on");

        await Sync(force: false).RunOnceAsync(CancellationToken.None);

        Assert.Equal("power off", (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["power_state"]);
    }

    [Fact]
    public async Task PowerSync_ForcesTheRecordedStateBackOntoTheHardware()
    {
        var uuid = await NodeInStateAsync("manageable", DateTimeOffset.UtcNow, """, "driver_info": {"fake_actual_power_state": "power off"}""");
        await SetPowerAsync(uuid, "power on");

        await Sync(force: true).RunOnceAsync(CancellationToken.None);

        var stored = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        Assert.Equal("power on", stored.PowerState);
        Assert.Equal("power on", (string?)stored.DriverInfo["fake_actual_power_state"]);
    }

    [Fact]
    public async Task PowerSync_PutsANodeIntoMaintenanceAfterRepeatedFailures()
    {
        var uuid = await NodeInStateAsync("manageable", DateTimeOffset.UtcNow, """, "driver_info": {"fake_power_read_error": "no route to host"}""");
        await SetPowerAsync(uuid, "power on");
        var sync = Sync(retries: 2);

        await sync.RunOnceAsync(CancellationToken.None);
        var afterOne = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        await sync.RunOnceAsync(CancellationToken.None);
        var afterTwo = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;

        Assert.False((bool)afterOne["maintenance"]!);
        Assert.True((bool)afterTwo["maintenance"]!);
        Assert.Equal("power failure", (string?)afterTwo["fault"]);
        Assert.Contains("no route to host", (string?)afterTwo["maintenance_reason"], StringComparison.Ordinal);
        Assert.Null(afterTwo["reservation"]);
    }

    [Fact]
    public async Task PowerSync_SkipsNodesInMaintenanceOrMidOperation()
    {
        var busy = await NodeInStateAsync("cleaning", DateTimeOffset.UtcNow, """, "driver_info": {"fake_actual_power_state": "power off"}""");
        await SetPowerAsync(busy, "power on");

        await Sync(force: false).RunOnceAsync(CancellationToken.None);

        Assert.Equal("power on", (string?)(await server.GetAsync($"/v1/nodes/{busy}")).Json["power_state"]);
    }

    [Fact]
    public async Task DriverErrors_NeverCarryTheBmcPassword()
    {
        var uuid = await NodeInStateAsync("manageable", DateTimeOffset.UtcNow,
            """, "driver_info": {"ipmi_password": "hunter22", "fake_power_read_error": "ipmitool -P hunter22 timed out"}""");
        await SetPowerAsync(uuid, "power on");

        await Sync(retries: 1).RunOnceAsync(CancellationToken.None);

        var shown = await server.GetAsync($"/v1/nodes/{uuid}");
        Assert.True((bool)shown.Json["maintenance"]!);
        Assert.Contains("ipmitool -P ****** timed out", (string?)shown.Json["maintenance_reason"], StringComparison.Ordinal);
        Assert.Equal("******", (string?)shown.Json["driver_info"]!["ipmi_password"]);
        Assert.DoesNotContain("hunter22", (await server.Store.Nodes.GetAsync("uuid", uuid))!.MaintenanceReason!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsInsideLists_AreMasked()
    {
        var node = await server.CreateNodeAsync(extraJson: """, "driver_info": {"users": [{"name": "a", "password": "pw1"}]}""");

        Assert.Equal("""[{"name":"a","password":"******"}]""", node["driver_info"]!["users"]!.ToJsonString());
    }
}
