using Ironic.Conductor.Locking;
using Ironic.Drivers;

namespace Ironic.Conductor.Tests;

public sealed class TaskManagerTests(ConductorFixture fx) : IClassFixture<ConductorFixture>
{
    private readonly ManualTimeProvider clock = new(ConductorFixture.T0);

    [Fact]
    public async Task Acquire_WhenFree_ReservesTheNodeForThisHost()
    {
        var node = await fx.AddNodeAsync();
        var tasks = fx.Tasks("conductor-a", clock);

        await using var task = await tasks.AcquireAsync(node.Uuid, "power on");

        Assert.False(task.Shared);
        Assert.Equal("power on", task.Purpose);
        Assert.Equal("conductor-a", task.Node.Reservation);
        Assert.Equal("conductor-a", (await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task Acquire_TwoConcurrentExclusive_ExactlyOneWinsAndTheOtherGetsNodeLockedNamingHolder()
    {
        var node = await fx.AddNodeAsync();
        var a = fx.Tasks("conductor-a", clock);
        var b = fx.Tasks("conductor-b", clock);

        var attempts = await Task.WhenAll(
            Task.Run(() => TryAcquireAsync(a, node.Uuid, "deploying")),
            Task.Run(() => TryAcquireAsync(b, node.Uuid, "power off")));

        var winner = Assert.Single(attempts, r => r.Task is not null).Task!;
        var loser = Assert.Single(attempts, r => r.Task is null).Error;
        try
        {
            var locked = Assert.IsType<NodeLocked>(loser);
            var (holder, purpose) = winner.Purpose == "deploying" ? ("conductor-a", "deploying") : ("conductor-b", "power off");
            Assert.Equal(409, locked.Code);
            Assert.Equal(holder, locked.Host);
            Assert.Equal(purpose, locked.Purpose);
            Assert.Contains($"locked by host {holder}", locked.Message, StringComparison.Ordinal);
            Assert.Contains($"\"{purpose}\"", locked.Message, StringComparison.Ordinal);
            Assert.Contains(node.Uuid, locked.Message, StringComparison.Ordinal);
            Assert.Equal("1", locked.Headers["Retry-After"]);
            Assert.Equal(holder, (await fx.GetNodeAsync(node.Uuid)).Reservation);
        }
        finally
        {
            await winner.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acquire_TwoConcurrentOnSameConductor_ExactlyOneWins()
    {
        var node = await fx.AddNodeAsync();
        var tasks = fx.Tasks("conductor-a", clock);

        var attempts = await Task.WhenAll(
            Task.Run(() => TryAcquireAsync(tasks, node.Uuid, "one")),
            Task.Run(() => TryAcquireAsync(tasks, node.Uuid, "two")));

        await using var winner = Assert.Single(attempts, r => r.Task is not null).Task!;
        Assert.IsType<NodeLocked>(Assert.Single(attempts, r => r.Task is null).Error);
    }

    [Fact]
    public async Task Acquire_AfterWinnerDisposes_Succeeds()
    {
        var node = await fx.AddNodeAsync();
        var a = fx.Tasks("conductor-a", clock);
        var b = fx.Tasks("conductor-b", clock);
        var first = await a.AcquireAsync(node.Uuid, "first");
        await Assert.ThrowsAsync<NodeLocked>(() => b.AcquireAsync(node.Uuid, "second"));

        await first.DisposeAsync();

        await using var second = await b.AcquireAsync(node.Uuid, "second");
        Assert.Equal("conductor-b", (await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task Dispose_AfterEarlyRelease_DoesNotReleaseTheNextHoldersLock()
    {
        var node = await fx.AddNodeAsync();
        var tasks = fx.Tasks("conductor-a", clock);
        var first = await tasks.AcquireAsync(node.Uuid, "first");
        await first.ReleaseAsync();
        await using var second = await tasks.AcquireAsync(node.Uuid, "second");

        await first.DisposeAsync();

        Assert.Equal("conductor-a", (await fx.GetNodeAsync(node.Uuid)).Reservation);
        await Assert.ThrowsAsync<NodeLocked>(() => fx.Tasks("conductor-b", clock).AcquireAsync(node.Uuid, "third"));
    }

    [Fact]
    public async Task Acquire_WhenReserved_ThrowsNodeLockedWithHeldDuration()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "cleaning", clock.GetUtcNow());
        clock.Advance(TimeSpan.FromSeconds(90));

        var e = await Assert.ThrowsAsync<NodeLocked>(() => fx.Tasks("conductor-a", clock).AcquireAsync(node.Uuid, "update"));

        Assert.Equal(TimeSpan.FromSeconds(90), e.HeldFor);
        Assert.Equal(
            $"Node {node.Uuid} is locked by host conductor-x for \"cleaning\" (held for 90 s), please retry after the current operation is completed.",
            e.Message);
    }

    [Fact]
    public async Task Acquire_WhenReserved_TriesTheConfiguredNumberOfTimesOnTheClock()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "deploying", clock.GetUtcNow());
        var tasks = fx.Tasks("conductor-a", clock, retryAttempts: 3, retryInterval: 2);

        var acquiring = tasks.AcquireAsync(node.Uuid, "update");
        for (var i = 0; i < 2; i++)
        {
            await clock.WaitForTimerAsync();
            clock.Advance(TimeSpan.FromSeconds(2));
        }

        var e = await Assert.ThrowsAsync<NodeLocked>(() => acquiring);
        Assert.Equal([(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan), (TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan)], clock.Created);
        Assert.Equal(TimeSpan.FromSeconds(4), e.HeldFor);
        Assert.Equal("2", e.Headers["Retry-After"]);
    }

    [Fact]
    public async Task Acquire_WhenReleasedDuringRetry_Succeeds()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "power on", clock.GetUtcNow());
        var tasks = fx.Tasks("conductor-a", clock, retryAttempts: 3, retryInterval: 1);

        var acquiring = tasks.AcquireAsync(node.Uuid, "update");
        await clock.WaitForTimerAsync();
        Assert.False(acquiring.IsCompleted);
        await fx.Store.Reservations.ReleaseAsync(node.Uuid, "conductor-x");
        clock.Advance(TimeSpan.FromSeconds(1));

        await using var task = await acquiring;
        Assert.Equal("conductor-a", (await fx.GetNodeAsync(node.Uuid)).Reservation);
        Assert.Single(clock.Created);
    }

    [Fact]
    public async Task Acquire_WithZeroRetryInterval_RetriesWithoutWaitingOnTheClock()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "x", clock.GetUtcNow());

        await Assert.ThrowsAsync<NodeLocked>(() => fx.Tasks("conductor-a", clock, retryAttempts: 5, retryInterval: 0).AcquireAsync(node.Uuid, "y"));

        Assert.Empty(clock.Created);
    }

    [Fact]
    public async Task Acquire_WithZeroRetryAttempts_StillTriesOnce()
    {
        var node = await fx.AddNodeAsync();

        await using var task = await fx.Tasks("conductor-a", clock, retryAttempts: 0).AcquireAsync(node.Uuid, "y");

        Assert.Equal("conductor-a", (await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task Acquire_WhenCancelledWhileWaitingToRetry_StopsAndLeavesTheHolder()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "x", clock.GetUtcNow());
        using var cts = new CancellationTokenSource();

        var acquiring = fx.Tasks("conductor-a", clock, retryAttempts: 3, retryInterval: 5).AcquireAsync(node.Uuid, "y", ct: cts.Token);
        await clock.WaitForTimerAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acquiring);
        Assert.Equal("conductor-x", (await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task Acquire_ByNameOrUpperCaseUuid_FindsTheNode()
    {
        var name = "node-" + Guid.NewGuid().ToString("N");
        var node = await fx.AddNodeAsync(n => n.Name = name);
        var tasks = fx.Tasks("conductor-a", clock);

        await using (var byName = await tasks.AcquireAsync(name, "by name"))
        {
            Assert.Equal(node.Uuid, byName.Node.Uuid);
        }

        await using var byUuid = await tasks.AcquireAsync(node.Uuid.ToUpperInvariant(), "by uuid");
        Assert.Equal(node.Uuid, byUuid.Node.Uuid);
    }

    [Fact]
    public async Task Acquire_WhenNodeAbsent_ThrowsNodeNotFound()
    {
        var e = await Assert.ThrowsAsync<NodeNotFound>(() => fx.Tasks("conductor-a", clock).AcquireAsync("no-such-node", "x"));

        Assert.Equal(404, e.Code);
    }

    [Fact]
    public async Task AcquireShared_WhenReserved_SucceedsWithoutTouchingTheReservation()
    {
        var node = await fx.AddNodeAsync();
        var a = fx.Tasks("conductor-a", clock);
        await using var exclusive = await a.AcquireAsync(node.Uuid, "deploying");

        var shared = await fx.Tasks("conductor-b", clock).AcquireAsync(node.Uuid, "port create", shared: true);
        Assert.True(shared.Shared);
        await shared.DisposeAsync();

        Assert.Equal("conductor-a", (await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task NodeTask_GetPorts_ReturnsOnlyThisNodesPorts()
    {
        var node = await fx.AddNodeAsync();
        var other = await fx.AddNodeAsync();
        var port = await fx.Store.Ports.InsertAsync(new() { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid, CreatedAt = ConductorFixture.T0 });
        await fx.Store.Ports.InsertAsync(new() { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = other.Uuid, CreatedAt = ConductorFixture.T0 });

        await using var task = await fx.Tasks("conductor-a", clock).AcquireAsync(node.Uuid, "x", shared: true);

        Assert.Equal([port.Uuid], task.Ports.Select(p => p.Uuid));
    }

    private static async Task<(NodeTask? Task, Exception? Error)> TryAcquireAsync(TaskManager tasks, string node, string purpose)
    {
        try
        {
            return (await tasks.AcquireAsync(node, purpose), null);
        }
        catch (IronicException e)
        {
            return (null, e);
        }
    }
}
