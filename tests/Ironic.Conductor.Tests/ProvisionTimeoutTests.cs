using Ironic.Common.Config;
using Ironic.Conductor.Periodic;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Conductor.Tests;

/// <summary>The periodic check that fails nodes waiting too long on a ramdisk or a BMC, run one pass at a time on a fake clock.</summary>
public sealed class ProvisionTimeoutTests(ConductorFixture fx) : IClassFixture<ConductorFixture>
{
    private const string Host = "timeouts-host";

    private ProvisionTimeouts Timeouts(TimeProvider clock) =>
        new(fx.Store, fx.Tasks(Host, clock), IronicOptions.Load([], new Dictionary<string, string> { ["IRONIC_CONDUCTOR__CLEAN_CALLBACK_TIMEOUT"] = "600" }),
            clock, NullLogger<ProvisionTimeouts>.Instance);

    private async Task<string> NodeInStateAsync(string state, DateTimeOffset updated) =>
        (await fx.AddNodeAsync(n =>
        {
            n.ProvisionState = state;
            n.ProvisionUpdatedAt = updated;
        })).Uuid;

    [Fact]
    public async Task NodesWaitingPastTheirTimeout_Fail_AndTheOthersWait()
    {
        var start = ConductorFixture.T0;
        var late = await NodeInStateAsync("clean wait", start);
        var deploy = await NodeInStateAsync("wait call-back", start);
        var recent = await NodeInStateAsync("clean wait", start.AddMinutes(30));
        var lateNode = await fx.GetNodeAsync(late);
        lateNode.DriverInternalInfo["clean_step_index"] = 0;
        await fx.Store.Nodes.UpdateAsync(lateNode, ["driver_internal_info"]);

        var failed = await Timeouts(new ManualTimeProvider(start.AddMinutes(31))).RunOnceAsync(CancellationToken.None);

        Assert.Contains(late, failed);
        Assert.Contains(deploy, failed);
        Assert.DoesNotContain(recent, failed);
        var node = await fx.GetNodeAsync(late);
        Assert.Equal("clean failed", node.ProvisionState);
        Assert.StartsWith("Timeout reached while cleaning the node: it waited in \"clean wait\" for more than 600 s", node.LastError);
        Assert.Null(node.Reservation);
        Assert.False(node.DriverInternalInfo.ContainsKey("clean_step_index"));
        Assert.Equal("deploy failed", (await fx.GetNodeAsync(deploy)).ProvisionState);
        Assert.Equal("clean wait", (await fx.GetNodeAsync(recent)).ProvisionState);
    }

    [Fact]
    public async Task ALockedWaitingNode_IsLeftForTheNextRun()
    {
        var start = ConductorFixture.T0;
        var uuid = await NodeInStateAsync("inspect wait", start);
        await fx.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "inspecting", start);
        try
        {
            var failed = await Timeouts(new ManualTimeProvider(start.AddHours(2))).RunOnceAsync(CancellationToken.None);

            Assert.DoesNotContain(uuid, failed);
            Assert.Equal("inspect wait", (await fx.GetNodeAsync(uuid)).ProvisionState);
        }
        finally
        {
            await fx.Store.Reservations.ReleaseAsync(uuid, "other-conductor");
        }
    }
}
