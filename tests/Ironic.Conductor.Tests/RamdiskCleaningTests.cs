using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Periodic;
using Ironic.Conductor.Provisioning;
using Ironic.Conductor.Tests.TestPlugins;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Conductor.Tests;

/// <summary>
/// Cleaning with a deploy interface that boots a ramdisk first (as the agent's does): the node waits in
/// <c>clean wait</c> with no step, its steps are planned once the ramdisk reports, manual steps only the ramdisk
/// knows are checked then, and every way out (done, failed, abort, timeout) tears the ramdisk down once.
/// </summary>
public sealed class RamdiskCleaningTests : IAsyncLifetime
{
    private readonly ConductorFixture fx = new();
    private ConductorHarness conductor = null!;

    public async Task InitializeAsync()
    {
        await fx.InitializeAsync();
        conductor = new(fx, "conductor-ramdisk", withTestPlugins: true,
            ("IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES", "fake,test-ramdisk-deploy"));
    }

    public async Task DisposeAsync()
    {
        await conductor.DisposeAsync();
        await fx.DisposeAsync();
    }

    [Fact]
    public async Task ManualClean_OfAStepOnlyTheRamdiskKnows_WaitsForIt_ThenRunsTheStep_AndTearsDownOnce()
    {
        var node = await NodeAsync(ProvisionState.Manageable);

        await CleanAsync(node.Uuid, """[{"interface": "deploy", "step": "erase_disk"}]""");
        var booting = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanWait, booting.ProvisionState);
        Assert.Empty(booting.CleanStep);
        Assert.Equal(1, RamdiskCleanDeploy.Prepared[node.Uuid]);

        await RamdiskUpAsync(node.Uuid, """{"erase_disk": 0, "other": 5}""");
        var running = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanWait, running.ProvisionState);
        Assert.Equal("erase_disk", running.CleanStep["step"]?.GetValue<string>());
        Assert.Single(running.DriverInternalInfo["clean_steps"]!.AsArray());

        await ReportAsync(node.Uuid, StepResult.Done);
        var done = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.Manageable, done.ProvisionState);
        Assert.Null(done.LastError);
        Assert.Equal(1, RamdiskCleanDeploy.TornDown[node.Uuid]);
    }

    [Fact]
    public async Task AutomatedClean_PlansTheRamdisksStepsByPriority_OnceItIsUp()
    {
        var node = await NodeAsync(ProvisionState.Manageable);
        await conductor.Manager.DoProvisioningActionAsync(node.Uuid, "provide", new ProvisionArguments(), CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();
        Assert.Equal(ProvisionState.CleanWait, (await fx.GetNodeAsync(node.Uuid)).ProvisionState);

        await RamdiskUpAsync(node.Uuid, """{"low": 10, "off": 0, "high": 99}""");
        var plan = (await fx.GetNodeAsync(node.Uuid)).DriverInternalInfo["clean_steps"]!.AsArray();
        // The fake power interface's own automated step sits between them by priority.
        Assert.Equal(["high", "low"], plan.Where(s => s!["interface"]!.GetValue<string>() == "deploy").Select(s => s!["step"]!.GetValue<string>()));

        await ReportAsync(node.Uuid, StepResult.Done);
        await ReportAsync(node.Uuid, StepResult.Done);
        var available = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.Available, available.ProvisionState);
        Assert.Equal(1, RamdiskCleanDeploy.TornDown[node.Uuid]);
    }

    [Fact]
    public async Task ManualClean_OfAStepTheRamdiskDoesNotOffer_FailsOnceItIsUp_NamingIt_AndTearsDown()
    {
        var node = await NodeAsync(ProvisionState.Manageable);
        await CleanAsync(node.Uuid, """[{"interface": "deploy", "step": "erase_twice"}]""");

        await RamdiskUpAsync(node.Uuid, """{"erase_disk": 0}""");

        var failed = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanFailed, failed.ProvisionState);
        Assert.Contains("No clean step named 'erase_twice'", failed.LastError, StringComparison.Ordinal);
        Assert.True(failed.Maintenance);
        Assert.Equal(1, RamdiskCleanDeploy.TornDown[node.Uuid]);
    }

    [Fact]
    public async Task ManualClean_OfAnUnknownStepOnAnotherInterface_IsStillRefusedAtOnce()
    {
        var node = await NodeAsync(ProvisionState.Manageable);
        await Assert.ThrowsAsync<Ironic.Drivers.InvalidParameterValue>(() => conductor.Manager.DoProvisioningActionAsync(node.Uuid, "clean",
            new ProvisionArguments { CleanSteps = JsonNode.Parse("""[{"interface": "power", "step": "nope"}]""")!.AsArray() }, CancellationToken.None));
        Assert.Equal(ProvisionState.Manageable, (await fx.GetNodeAsync(node.Uuid)).ProvisionState);
        Assert.False(RamdiskCleanDeploy.Prepared.ContainsKey(node.Uuid));
    }

    [Fact]
    public async Task Abort_WhileTheRamdiskBoots_EndsCleanFailed_AndTearsItDown()
    {
        var node = await NodeAsync(ProvisionState.Manageable);
        await CleanAsync(node.Uuid, """[{"interface": "deploy", "step": "erase_disk"}]""");

        await conductor.Manager.DoProvisioningActionAsync(node.Uuid, "abort", new ProvisionArguments(), CancellationToken.None);

        var aborted = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanFailed, aborted.ProvisionState);
        Assert.Equal($"By request, the clean wait operation was aborted for node {node.Uuid}.", aborted.LastError);
        Assert.False(aborted.Maintenance);
        Assert.Equal(1, RamdiskCleanDeploy.TornDown[node.Uuid]);
    }

    [Fact]
    public async Task Timeout_InCleanWait_TearsTheRamdiskDown()
    {
        var node = await NodeAsync(ProvisionState.Manageable);
        await CleanAsync(node.Uuid, """[{"interface": "deploy", "step": "erase_disk"}]""");

        conductor.Clock.Advance(TimeSpan.FromSeconds(conductor.Options.Conductor.CleanCallbackTimeout + 1));
        Assert.Equal([node.Uuid], await conductor.Services.GetRequiredService<ProvisionTimeouts>().RunOnceAsync(CancellationToken.None));

        Assert.Equal(ProvisionState.CleanFailed, (await fx.GetNodeAsync(node.Uuid)).ProvisionState);
        Assert.Equal(1, RamdiskCleanDeploy.TornDown[node.Uuid]);
    }

    private async Task<Node> NodeAsync(string state)
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = "fake-hardware", ProvisionState = ProvisionState.Enroll, DeployInterface = "test-ramdisk-deploy" };
        node = await conductor.Manager.CreateNodeAsync(node, CancellationToken.None);
        node.ProvisionState = state;
        await fx.Store.Nodes.UpdateAsync(node, ["provision_state"]);
        return node;
    }

    private async Task CleanAsync(string uuid, string steps)
    {
        await conductor.Manager.DoProvisioningActionAsync(uuid, "clean",
            new ProvisionArguments { CleanSteps = JsonNode.Parse(steps)!.AsArray() }, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();
    }

    // What an agent's first heartbeat does: its steps become known, and it reports the ramdisk up.
    private async Task RamdiskUpAsync(string uuid, string steps)
    {
        await using (var task = await conductor.Tasks.AcquireAsync(uuid, "test ramdisk up"))
        {
            task.Node.DriverInternalInfo[RamdiskCleanDeploy.StepsKey] = JsonNode.Parse(steps);
            await task.SaveNodeAsync(CancellationToken.None);
            task.ReportStep(StepResult.Done);
        }

        await ContinueAsync();
    }

    private async Task ReportAsync(string uuid, StepResult result)
    {
        await using (var task = await conductor.Tasks.AcquireAsync(uuid, "test report", shared: true))
        {
            task.ReportStep(result);
        }

        await ContinueAsync();
    }

    private async Task ContinueAsync()
    {
        Assert.True(conductor.Services.GetRequiredService<StepReports>().TryTake(out var report));
        await conductor.Services.GetRequiredService<StepContinuations>().ApplyAsync(report, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();
    }
}
