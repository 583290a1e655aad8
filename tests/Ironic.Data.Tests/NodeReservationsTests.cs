using Ironic.Drivers;

namespace Ironic.Data.Tests;

public sealed class NodeReservationsTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private NodeReservations Reservations => fx.Store.Reservations;

    [Fact]
    public async Task TryReserve_WhenFree_ReservesForTheHost()
    {
        var node = await fx.AddNodeAsync();

        var holder = await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "power on", Now);

        Assert.Null(holder);
        Assert.Equal("conductor-a", (await fx.Store.Nodes.GetAsync("uuid", node.Uuid))!.Reservation);
    }

    [Fact]
    public async Task TryReserve_WhenReserved_ReturnsTheHolderAndKeepsIt()
    {
        var node = await fx.AddNodeAsync();
        await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "deploying", Now);

        var holder = await Reservations.TryReserveAsync(node.Uuid, "conductor-b", "node update", Now.AddSeconds(5));

        Assert.Equal(new Reservation("conductor-a", "deploying", Now), holder);
        Assert.Equal("conductor-a", (await fx.Store.Nodes.GetAsync("uuid", node.Uuid))!.Reservation);
    }

    [Fact]
    public async Task TryReserve_BySameHostAgain_IsNotReentrant()
    {
        var node = await fx.AddNodeAsync();
        await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "first", Now);

        var holder = await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "second", Now);

        Assert.NotNull(holder);
        Assert.Equal("first", holder.Purpose);
    }

    [Fact]
    public async Task TryReserve_WhenNodeAbsent_ThrowsNodeNotFound()
    {
        await Assert.ThrowsAsync<NodeNotFound>(() => Reservations.TryReserveAsync(DatabaseFixture.NewUuid(), "conductor-a", "x", Now));
    }

    [Fact]
    public async Task TryReserve_WhenRacing_ExactlyOneHostWins()
    {
        var node = await fx.AddNodeAsync();
        var hosts = Enumerable.Range(0, 16).Select(i => $"conductor-{i}").ToList();

        var results = await Task.WhenAll(hosts.Select(h =>
            Task.Run(() => Reservations.TryReserveAsync(node.Uuid, h, "race", Now))));

        var winners = hosts.Where((_, i) => results[i] is null).ToList();
        var winner = Assert.Single(winners);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(winner, r!.Host));
        Assert.Equal(winner, (await fx.Store.Nodes.GetAsync("uuid", node.Uuid))!.Reservation);
    }

    [Fact]
    public async Task Release_ByAnotherHost_LeavesTheReservation()
    {
        var node = await fx.AddNodeAsync();
        await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "x", Now);

        Assert.False(await Reservations.ReleaseAsync(node.Uuid, "conductor-b"));
        Assert.Equal("conductor-a", (await fx.Store.Nodes.GetAsync("uuid", node.Uuid))!.Reservation);
    }

    [Fact]
    public async Task Release_ByHolder_FreesTheNodeForOthers()
    {
        var node = await fx.AddNodeAsync();
        await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "x", Now);

        Assert.True(await Reservations.ReleaseAsync(node.Uuid, "conductor-a"));

        Assert.Null((await fx.Store.Nodes.GetAsync("uuid", node.Uuid))!.Reservation);
        Assert.False(await Reservations.ReleaseAsync(node.Uuid, "conductor-a"));
        Assert.Null(await Reservations.TryReserveAsync(node.Uuid, "conductor-b", "y", Now));
    }

    [Fact]
    public async Task Release_ClearsPurposeAndTime()
    {
        var node = await fx.AddNodeAsync();
        await Reservations.TryReserveAsync(node.Uuid, "conductor-a", "old purpose", Now);
        await Reservations.ReleaseAsync(node.Uuid, "conductor-a");
        await Reservations.TryReserveAsync(node.Uuid, "conductor-b", "new purpose", Now.AddMinutes(1));

        var holder = await Reservations.TryReserveAsync(node.Uuid, "conductor-c", "z", Now.AddMinutes(2));

        Assert.Equal(new Reservation("conductor-b", "new purpose", Now.AddMinutes(1)), holder);
    }

    [Fact]
    public async Task ClearAll_ReleasesOnlyTheGivenHostsNodes()
    {
        var host = "crashed-" + Guid.NewGuid().ToString("N");
        var mine1 = await fx.AddNodeAsync();
        var mine2 = await fx.AddNodeAsync();
        var theirs = await fx.AddNodeAsync();
        await Reservations.TryReserveAsync(mine1.Uuid, host, "deploying", Now);
        await Reservations.TryReserveAsync(mine2.Uuid, host, "cleaning", Now);
        await Reservations.TryReserveAsync(theirs.Uuid, "someone-else", "x", Now);

        var cleared = await Reservations.ClearAllAsync(host);

        Assert.Equal(new[] { mine1.Uuid, mine2.Uuid }.Order(), cleared.Order());
        Assert.Null((await fx.Store.Nodes.GetAsync("uuid", mine1.Uuid))!.Reservation);
        Assert.Null((await fx.Store.Nodes.GetAsync("uuid", mine2.Uuid))!.Reservation);
        Assert.Equal("someone-else", (await fx.Store.Nodes.GetAsync("uuid", theirs.Uuid))!.Reservation);
        Assert.Empty(await Reservations.ClearAllAsync(host));
    }
}
