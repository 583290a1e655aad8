using Ironic.Drivers;

namespace Ironic.Data.Tests;

public sealed class IronicStoreTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task DestroyNode_DeletesTheNodeWithItsPortsAndPortgroups_Only()
    {
        var doomed = await fx.AddNodeAsync();
        var pg = await fx.AddPortgroupAsync(doomed.Uuid);
        var grouped = await fx.AddPortAsync(doomed.Uuid, p => p.PortgroupUuid = pg.Uuid);
        var loose = await fx.AddPortAsync(doomed.Uuid);
        var survivor = await fx.AddNodeAsync();
        var survivorPort = await fx.AddPortAsync(survivor.Uuid);
        var survivorPg = await fx.AddPortgroupAsync(survivor.Uuid);

        await fx.Store.DestroyNodeAsync(doomed.Uuid);

        Assert.Null(await fx.Store.Nodes.GetAsync("uuid", doomed.Uuid));
        Assert.Null(await fx.Store.Ports.GetAsync("uuid", grouped.Uuid));
        Assert.Null(await fx.Store.Ports.GetAsync("uuid", loose.Uuid));
        Assert.Null(await fx.Store.Portgroups.GetAsync("uuid", pg.Uuid));
        Assert.NotNull(await fx.Store.Nodes.GetAsync("uuid", survivor.Uuid));
        Assert.NotNull(await fx.Store.Ports.GetAsync("uuid", survivorPort.Uuid));
        Assert.NotNull(await fx.Store.Portgroups.GetAsync("uuid", survivorPg.Uuid));
    }

    [Fact]
    public async Task DestroyNode_WhenAbsent_ThrowsNodeNotFound()
    {
        var uuid = DatabaseFixture.NewUuid();

        var e = await Assert.ThrowsAsync<NodeNotFound>(() => fx.Store.DestroyNodeAsync(uuid));

        Assert.Equal(404, e.Code);
        Assert.Contains(uuid, e.Message, StringComparison.Ordinal);
    }
}
