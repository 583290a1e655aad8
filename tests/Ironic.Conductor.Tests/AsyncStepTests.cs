using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Periodic;
using Ironic.Conductor.Provisioning;
using Ironic.Conductor.Tests.TestPlugins;
using Ironic.Drivers;
using Ironic.Drivers.Fake;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Conductor.Tests;

/// <summary>
/// Asynchronous steps ended from driver code: a step waits, the driver's periodic task polls its job and
/// reports the step done or failed, and the conductor continues or fails the flow under a new lock.
/// </summary>
public sealed class AsyncStepTests : IAsyncLifetime
{
    // A database per test: periodic passes see every node in it.
    private readonly ConductorFixture fx = new();
    private ConductorHarness conductor = null!;

    public async Task InitializeAsync()
    {
        await fx.InitializeAsync();
        conductor = new(fx, "conductor-async", withTestPlugins: true,
            ("IRONIC_DEFAULT__ENABLED_BIOS_INTERFACES", "fake,no-bios"),
            ("IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES", "fake,test-job-deploy"),
            ("IRONIC_FAKE__BIOS_DELAY", "60"));
    }

    public async Task DisposeAsync()
    {
        await conductor.DisposeAsync();
        await fx.DisposeAsync();
    }

    [Fact]
    public async Task ManualClean_WithABiosJob_WaitsUntilThePeriodicTaskFindsTheJobDone_ThenEndsManageable()
    {
        var node = await NodeAsync(ProvisionState.Manageable, n => n.BiosInterface = "fake");

        await CleanAsync(node.Uuid, """[{"interface": "bios", "step": "apply_configuration", "args": {"settings": [{"name": "ProcVirtualization", "value": "Enabled"}]}}]""");
        var waiting = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanWait, waiting.ProvisionState);
        Assert.Equal("apply_configuration", waiting.CleanStep["step"]?.GetValue<string>());
        Assert.NotNull(waiting.DriverInternalInfo[FakeBios.JobKey]);
        Assert.Null(waiting.Reservation);

        // Not due yet: the task reports nothing and the node keeps waiting.
        Assert.Equal(1, await PassAsync("poll_bios_job"));
        Assert.False(await ContinueAsync());
        Assert.Equal(ProvisionState.CleanWait, (await fx.GetNodeAsync(node.Uuid)).ProvisionState);

        conductor.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await PassAsync("poll_bios_job"));
        Assert.True(await ContinueAsync());

        var done = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.Manageable, done.ProvisionState);
        Assert.Null(done.LastError);
        Assert.Empty(done.CleanStep);
        Assert.Null(done.DriverInternalInfo[FakeBios.JobKey]);
        Assert.Equal("Enabled", done.DriverInternalInfo[FakeBios.SettingsKey]?["ProcVirtualization"]?.GetValue<string>());
        Assert.Null(done.Reservation);
    }

    [Fact]
    public async Task Deploy_WithAJobStep_ReachesActive_WhenThePeriodicTaskReportsDone()
    {
        var node = await NodeAsync(ProvisionState.Available, n => n.DeployInterface = "test-job-deploy");

        await conductor.Manager.DoProvisioningActionAsync(node.Uuid, "active", new ProvisionArguments(), CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();
        Assert.Equal(ProvisionState.DeployWait, (await fx.GetNodeAsync(node.Uuid)).ProvisionState);

        await SetJobAsync(node.Uuid, "done");
        await PassAsync("poll_job");
        Assert.True(await ContinueAsync());

        var active = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.Active, active.ProvisionState);
        Assert.Null(active.TargetProvisionState);
        Assert.Empty(active.DeployStep);
    }

    [Fact]
    public async Task Deploy_WhoseJobFails_EndsDeployFailed_WithThePluginsMessage()
    {
        var node = await NodeAsync(ProvisionState.Available, n => n.DeployInterface = "test-job-deploy");
        await conductor.Manager.DoProvisioningActionAsync(node.Uuid, "active", new ProvisionArguments(), CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        await SetJobAsync(node.Uuid, "failed");
        await PassAsync("poll_job");
        Assert.True(await ContinueAsync());

        var failed = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.DeployFailed, failed.ProvisionState);
        Assert.Equal($"Deploy step deploy.start_job failed on node {node.Uuid}: {JobDeploy.FailMessage}", failed.LastError);
        Assert.Null(failed.Reservation);
    }

    [Fact]
    public async Task CleanStepReportedFailed_EndsCleanFailed_InMaintenance_WithTheMessage()
    {
        var node = await NodeAsync(ProvisionState.Manageable, n => n.BiosInterface = "fake");
        await CleanAsync(node.Uuid, """[{"interface": "bios", "step": "factory_reset"}]""");

        await ReportAsync(node.Uuid, StepResult.Failed("BIOS job JID_3 failed: setting not supported"));
        Assert.True(await ContinueAsync());

        var failed = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanFailed, failed.ProvisionState);
        Assert.Equal($"Clean step bios.factory_reset failed on node {node.Uuid}: BIOS job JID_3 failed: setting not supported", failed.LastError);
        Assert.True(failed.Maintenance);
        Assert.Equal("clean failure", failed.Fault);
    }

    [Fact]
    public async Task AReportMadeTwice_ContinuesOnce_AndTheSecondIsDropped()
    {
        var node = await NodeAsync(ProvisionState.Manageable, n => n.BiosInterface = "fake");
        await CleanAsync(node.Uuid, """[{"interface": "bios", "step": "factory_reset"}, {"interface": "bios", "step": "factory_reset"}]""");

        // Two reports on the first step: the first moves on to the second step (which waits again), the second is stale.
        await ReportAsync(node.Uuid, StepResult.Done);
        await ReportAsync(node.Uuid, StepResult.Done);
        Assert.True(await ContinueAsync());
        Assert.True(await ContinueAsync());

        var second = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanWait, second.ProvisionState);
        Assert.Equal(1, second.DriverInternalInfo["clean_step_index"]?.GetValue<int>());
        Assert.Null(second.LastError);
    }

    [Fact]
    public async Task AReportArrivingAfterATimeout_LeavesTheNodeAlone()
    {
        var node = await NodeAsync(ProvisionState.Manageable, n => n.BiosInterface = "fake");
        await CleanAsync(node.Uuid, """[{"interface": "bios", "step": "factory_reset"}]""");
        await ReportAsync(node.Uuid, StepResult.Done);

        conductor.Clock.Advance(TimeSpan.FromSeconds(conductor.Options.Conductor.CleanCallbackTimeout + 1));
        Assert.Equal([node.Uuid], await conductor.Services.GetRequiredService<ProvisionTimeouts>().RunOnceAsync(CancellationToken.None));
        var aborted = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanFailed, aborted.ProvisionState);

        Assert.True(await ContinueAsync());

        var after = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(ProvisionState.CleanFailed, after.ProvisionState);
        Assert.Equal(aborted.LastError, after.LastError);
        Assert.Null(after.Reservation);
    }

    [Fact]
    public async Task DriverPeriodicTask_VisitsOnlyNodesUsingItsInterface_InItsStates_OutOfMaintenance_AndOneFailureStopsNoOther()
    {
        var waiting = await NodeAsync(ProvisionState.DeployWait, n => n.DeployInterface = "test-job-deploy");
        var throwing = await NodeAsync(ProvisionState.DeployWait, n => { n.DeployInterface = "test-job-deploy"; n.Extra["job"] = "throw"; });
        var inMaintenance = await NodeAsync(ProvisionState.DeployWait, n => { n.DeployInterface = "test-job-deploy"; n.Maintenance = true; });
        var otherState = await NodeAsync(ProvisionState.Active, n => n.DeployInterface = "test-job-deploy");
        var otherInterface = await NodeAsync(ProvisionState.DeployWait, n => n.DeployInterface = "fake");
        var locked = await NodeAsync(ProvisionState.DeployWait, n => n.DeployInterface = "test-job-deploy");
        await using var holder = await conductor.Tasks.AcquireAsync(locked.Uuid, "held by the test");
        JobDeploy.Polled.Clear();

        var called = await PassAsync("poll_job");

        var polled = JobDeploy.Polled.ToHashSet();
        Assert.Contains(waiting.Uuid, polled);
        Assert.Contains(throwing.Uuid, polled);
        Assert.DoesNotContain(inMaintenance.Uuid, polled);
        Assert.DoesNotContain(otherState.Uuid, polled);
        Assert.DoesNotContain(otherInterface.Uuid, polled);
        Assert.DoesNotContain(locked.Uuid, polled);
        Assert.Equal(1, called);
    }

    // A node of fake-hardware with its interfaces set as the conductor sets them, then put in a state.
    private async Task<Node> NodeAsync(string state, Action<Node> configure)
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = "fake-hardware", ProvisionState = ProvisionState.Enroll };
        configure(node);
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
        Assert.Equal(ProvisionState.CleanWait, (await fx.GetNodeAsync(uuid)).ProvisionState);
    }

    private async Task SetJobAsync(string uuid, string job)
    {
        var node = await fx.GetNodeAsync(uuid);
        node.Extra["job"] = job;
        await fx.Store.Nodes.UpdateAsync(node, ["extra"]);
    }

    // What a driver does from a periodic task or passthru: report under a lock, which hands the report on when released.
    private async Task ReportAsync(string uuid, StepResult result)
    {
        await using var task = await conductor.Tasks.AcquireAsync(uuid, "test report", shared: true);
        task.ReportStep(result);
    }

    // One pass of the named driver periodic task; returns how many nodes it was called for.
    private async Task<int> PassAsync(string name)
    {
        var loop = conductor.Services.GetRequiredService<DriverPeriodics>().Loops().Single(l => l.Name.EndsWith(": " + name, StringComparison.Ordinal));
        return await loop.Run(CancellationToken.None);
    }

    // Applies the oldest waiting report, as the conductor's continuation service does, and waits for the work it started.
    private async Task<bool> ContinueAsync()
    {
        if (!conductor.Services.GetRequiredService<StepReports>().TryTake(out var report))
        {
            return false;
        }

        await conductor.Services.GetRequiredService<StepContinuations>().ApplyAsync(report, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();
        return true;
    }
}
