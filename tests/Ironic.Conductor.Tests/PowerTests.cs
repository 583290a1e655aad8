using Ironic.Conductor.Tests.TestPlugins;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Tests;

/// <summary>Power state changes: validated under the lock, then carried out by a worker of the pool.</summary>
public sealed class PowerTests(ConductorFixture fx) : IClassFixture<ConductorFixture>, IAsyncLifetime
{
    private readonly ConductorHarness conductor = new(fx, "conductor-power", withTestPlugins: true,
        ("IRONIC_DEFAULT__ENABLED_POWER_INTERFACES", "fake,test-power"), ("IRONIC_CONDUCTOR__WORKERS_POOL_SIZE", "3"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await conductor.DisposeAsync();

    private Task<Node> CreateAsync(Action<Node>? configure = null)
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = "fake-hardware", ProvisionState = ProvisionState.Enroll };
        configure?.Invoke(node);
        return conductor.Manager.CreateNodeAsync(node, CancellationToken.None);
    }

    [Fact]
    public async Task PowerOn_WorkerSetsPowerState_ClearsTarget_AndReleasesTheLock()
    {
        var node = await CreateAsync(n => n.LastError = "an earlier failure");

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(PowerState.On, stored.PowerState);
        Assert.Null(stored.TargetPowerState);
        Assert.Null(stored.LastError);
        Assert.Null(stored.Reservation);
        Assert.Equal(0, conductor.Pool.Busy);
    }

    [Theory]
    [InlineData(PowerState.Off, PowerState.On, PowerState.Off)]
    [InlineData(PowerState.Rebooting, PowerState.Off, PowerState.On)]
    [InlineData(PowerState.SoftPowerOff, PowerState.On, PowerState.Off)]
    [InlineData(PowerState.SoftRebooting, PowerState.On, PowerState.On)]
    public async Task PowerAction_EndsInTheStateItSettlesIn(string target, string before, string expected)
    {
        var node = await CreateAsync(n => n.PowerState = before);

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, target, null, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(expected, stored.PowerState);
        Assert.Null(stored.TargetPowerState);
    }

    [Fact]
    public async Task PowerOn_WhileTheWorkerRuns_ShowsTheTargetAndHoldsTheLock()
    {
        var node = await CreateAsync(n => n.PowerInterface = "test-power");
        var hold = TestPower.HoldNextAction(node.Uuid);

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None);
        // A bound, not a wait: the held action signals entry; if it never starts the test fails instead of hanging.
        await hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var during = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(PowerState.On, during.TargetPowerState);
        Assert.NotEqual(PowerState.On, during.PowerState);
        Assert.Equal(conductor.Host, during.Reservation);
        await Assert.ThrowsAsync<NodeLocked>(
            () => conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.Off, null, CancellationToken.None));

        hold.Released.SetResult();
        await conductor.Pool.WhenIdleAsync();

        var after = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(PowerState.On, after.PowerState);
        Assert.Null(after.TargetPowerState);
        Assert.Null(after.Reservation);
    }

    [Fact]
    public async Task PowerOn_DriverFails_RecordsLastErrorAndClearsTheTarget()
    {
        var node = await CreateAsync(n => { n.PowerInterface = "test-power"; n.PowerState = PowerState.Off; n.DriverInfo[TestPower.FailKey] = "BMC unreachable"; });

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal("Failed to change power state to 'power on' by 'power on'. Error: BMC unreachable", stored.LastError);
        Assert.Equal(PowerState.Off, stored.PowerState);
        Assert.Null(stored.TargetPowerState);
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task Reboot_DriverFails_LastErrorNamesTheTargetStateThenTheRequestedAction()
    {
        // Ironic: "Failed to change power state to '%(target_state)s' by '%(new_state)s'": a reboot targets power on.
        var node = await CreateAsync(n => { n.PowerInterface = "test-power"; n.PowerState = PowerState.On; n.DriverInfo[TestPower.FailKey] = "BMC unreachable"; });

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.Rebooting, null, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal("Failed to change power state to 'power on' by 'rebooting'. Error: BMC unreachable", stored.LastError);
        Assert.Null(stored.TargetPowerState);
    }

    [Fact]
    public async Task PowerOn_WhenAlreadyOn_ClearsLastErrorAndKeepsTheState()
    {
        var node = await CreateAsync(n => { n.PowerState = PowerState.On; n.LastError = "stale"; });

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(PowerState.On, stored.PowerState);
        Assert.Null(stored.LastError);
        Assert.Null(stored.TargetPowerState);
    }

    [Fact]
    public async Task PowerChange_UnsupportedState_ThrowsInvalidParameterValue_SpawnsNothing_AndReleasesTheLock()
    {
        var node = await CreateAsync();

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(
            () => conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, "power sideways", null, CancellationToken.None));

        Assert.Equal(400, e.Code);
        Assert.Equal("The driver fake-hardware does not support the power state, power sideways. Supported power states are: " +
            "power on, power off, rebooting, soft rebooting, soft power off.", e.Message);
        Assert.Equal(0, conductor.Pool.Busy);
        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Null(stored.TargetPowerState);
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task PowerOn_WhenThePoolIsFull_ThrowsNoFreeConductorWorker_AndReleasesTheLock()
    {
        var node = await CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                conductor.Pool.Spawn("occupying worker", _ => gate.Task);
            }

            Assert.Equal(3, conductor.Pool.Busy);

            var e = await Assert.ThrowsAsync<NoFreeConductorWorker>(
                () => conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None));

            Assert.Equal(503, e.Code);
            Assert.Equal("Requested action cannot be performed due to lack of free conductor workers.", e.Message);
            Assert.Null((await fx.GetNodeAsync(node.Uuid)).Reservation);
            await using var next = await conductor.Tasks.AcquireAsync(node.Uuid, "after a refused power change");
            Assert.Equal(conductor.Host, (await fx.GetNodeAsync(node.Uuid)).Reservation);
        }
        finally
        {
            gate.TrySetResult();
            await conductor.Pool.WhenIdleAsync();
        }

        Assert.Equal(0, conductor.Pool.Busy);
    }

    [Fact]
    public async Task PowerOn_WhenThePoolIsFull_LeavesNoTargetPowerStateBehind()
    {
        // Nothing will carry the change out, so the node must not claim a transition is under way
        // (Ironic's power_state_error_handler clears the target when spawning fails).
        var node = await CreateAsync(n => n.PowerState = PowerState.Off);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                conductor.Pool.Spawn("occupying worker", _ => gate.Task);
            }

            await Assert.ThrowsAsync<NoFreeConductorWorker>(
                () => conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None));
        }
        finally
        {
            gate.TrySetResult();
            await conductor.Pool.WhenIdleAsync();
        }

        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Null(stored.TargetPowerState);
        Assert.Equal(PowerState.Off, stored.PowerState);
    }

    [Fact]
    public async Task PowerOn_StampsUpdatedAtFromTheConductorClock()
    {
        var node = await CreateAsync();

        await conductor.Manager.ChangeNodePowerStateAsync(node.Uuid, PowerState.On, null, CancellationToken.None);
        await conductor.Pool.WhenIdleAsync();

        Assert.Equal(conductor.Clock.GetUtcNow(), (await fx.GetNodeAsync(node.Uuid)).UpdatedAt);
    }

    [Fact]
    public async Task PowerChange_ForMissingNode_ThrowsNodeNotFound()
    {
        var e = await Assert.ThrowsAsync<NodeNotFound>(
            () => conductor.Manager.ChangeNodePowerStateAsync(ConductorFixture.NewUuid(), PowerState.On, null, CancellationToken.None));

        Assert.Equal(404, e.Code);
    }
}
