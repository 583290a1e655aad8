using System.Text.Json.Nodes;
using Ironic.Conductor.Manager;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Tests;

public sealed class ConductorManagerTests : IClassFixture<ConductorFixture>
{
    private readonly ConductorFixture fx;
    private readonly ManualTimeProvider clock = new(ConductorFixture.T0.AddDays(1));
    private readonly ConductorManager manager;

    public ConductorManagerTests(ConductorFixture fx)
    {
        this.fx = fx;
        manager = fx.Manager("conductor-a", clock);
    }

    [Fact]
    public async Task CreateNode_WithEnabledDriver_StampsCreationTime()
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = "fake-hardware", UpdatedAt = ConductorFixture.T0 };

        var created = await manager.CreateNodeAsync(node, CancellationToken.None);

        var stored = await fx.GetNodeAsync(created.Uuid);
        Assert.Equal(clock.GetUtcNow(), stored.CreatedAt);
        Assert.Null(stored.UpdatedAt);
    }

    [Fact]
    public async Task CreateNode_WithDriverNotEnabled_ThrowsInvalidAndStoresNothing()
    {
        var node = new Node { Uuid = ConductorFixture.NewUuid(), Driver = "ipmi" };

        var e = await Assert.ThrowsAsync<Invalid>(() => manager.CreateNodeAsync(node, CancellationToken.None));

        Assert.Equal(400, e.Code);
        Assert.Contains("driver ipmi", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"rack1\"", e.Message, StringComparison.Ordinal);
        Assert.Null(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task UpdateNode_CopiesOnlyChangedFields_AndReleasesTheLock()
    {
        var stored = await fx.AddNodeAsync(n => { n.Description = "old"; n.Extra = new JsonObject { ["a"] = 1 }; });
        var request = await fx.GetNodeAsync(stored.Uuid);
        request.Description = "new";
        request.Extra = new JsonObject { ["stale"] = true };
        request.ProvisionState = "active";

        var updated = await manager.UpdateNodeAsync(request, ["description"], false, CancellationToken.None);

        var after = await fx.GetNodeAsync(stored.Uuid);
        Assert.Equal("new", updated.Description);
        Assert.Equal("new", after.Description);
        Assert.Equal("""{"a":1}""", after.Extra.ToJsonString());
        Assert.Equal("enroll", after.ProvisionState);
        Assert.Equal(clock.GetUtcNow(), after.UpdatedAt);
        Assert.Null(after.Reservation);
    }

    [Fact]
    public async Task UpdateNode_DoesNotOverwriteChangesMadeByOthersToOtherFields()
    {
        var stored = await fx.AddNodeAsync();
        var request = await fx.GetNodeAsync(stored.Uuid);
        stored.PowerState = "power on";
        await fx.Store.Nodes.UpdateAsync(stored, ["power_state"]);
        request.Description = "described";

        var updated = await manager.UpdateNodeAsync(request, ["description"], false, CancellationToken.None);

        Assert.Equal("power on", updated.PowerState);
        Assert.Equal("power on", (await fx.GetNodeAsync(stored.Uuid)).PowerState);
    }

    [Fact]
    public async Task UpdateNode_WhenLocked_ThrowsNodeLockedAndChangesNothing()
    {
        var stored = await fx.AddNodeAsync(n => n.Description = "old");
        await fx.Store.Reservations.TryReserveAsync(stored.Uuid, "conductor-x", "deploying", clock.GetUtcNow());
        stored.Description = "new";

        var e = await Assert.ThrowsAsync<NodeLocked>(() => manager.UpdateNodeAsync(stored, ["description"], false, CancellationToken.None));

        Assert.Equal("conductor-x", e.Host);
        var after = await fx.GetNodeAsync(stored.Uuid);
        Assert.Equal("old", after.Description);
        Assert.Equal("conductor-x", after.Reservation);
    }

    [Fact]
    public async Task UpdateNode_ToTakenName_ThrowsDuplicateNameAndReleasesTheLock()
    {
        var name = "taken-" + Guid.NewGuid().ToString("N");
        await fx.AddNodeAsync(n => n.Name = name);
        var stored = await fx.AddNodeAsync();
        stored.Name = name;

        await Assert.ThrowsAsync<DuplicateName>(() => manager.UpdateNodeAsync(stored, ["name"], false, CancellationToken.None));

        var after = await fx.GetNodeAsync(stored.Uuid);
        Assert.Null(after.Name);
        Assert.Null(after.Reservation);
    }

    [Fact]
    public async Task UpdateNode_ToDriverNotEnabled_ThrowsInvalid()
    {
        var stored = await fx.AddNodeAsync();
        stored.Driver = "redfish";

        await Assert.ThrowsAsync<Invalid>(() => manager.UpdateNodeAsync(stored, ["driver"], false, CancellationToken.None));

        Assert.Equal("fake-hardware", (await fx.GetNodeAsync(stored.Uuid)).Driver);
    }

    [Theory]
    [InlineData("manageable")]
    [InlineData("enroll")]
    [InlineData("adopt failed")]
    [InlineData("available")]
    public async Task DestroyNode_InDeletableState_DeletesNodeWithPortsAndPortgroups(string state)
    {
        var node = await fx.AddNodeAsync(n => n.ProvisionState = state);
        var pg = await manager.CreatePortgroupAsync(new Portgroup { Uuid = ConductorFixture.NewUuid(), NodeUuid = node.Uuid }, CancellationToken.None);
        var port = await manager.CreatePortAsync(
            new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid, PortgroupUuid = pg.Uuid },
            CancellationToken.None);

        await manager.DestroyNodeAsync(node.Uuid, CancellationToken.None);

        Assert.Null(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
        Assert.Null(await fx.Store.Ports.GetAsync("uuid", port.Uuid));
        Assert.Null(await fx.Store.Portgroups.GetAsync("uuid", pg.Uuid));
    }

    [Fact]
    public async Task DestroyNode_WhenActive_ThrowsConflictAndReleasesTheLock()
    {
        var node = await fx.AddNodeAsync(n => n.ProvisionState = "active");

        var e = await Assert.ThrowsAsync<Conflict>(() => manager.DestroyNodeAsync(node.Uuid, CancellationToken.None));

        Assert.Equal(409, e.Code);
        Assert.Contains("\"active\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("maintenance", e.Message, StringComparison.Ordinal);
        var after = await fx.GetNodeAsync(node.Uuid);
        Assert.Null(after.Reservation);
    }

    [Fact]
    public async Task DestroyNode_WhenActiveButInMaintenance_Deletes()
    {
        var node = await fx.AddNodeAsync(n => { n.ProvisionState = "active"; n.Maintenance = true; });

        await manager.DestroyNodeAsync(node.Uuid, CancellationToken.None);

        Assert.Null(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task DestroyNode_WhenProtected_ThrowsNodeProtectedEvenInMaintenance()
    {
        var node = await fx.AddNodeAsync(n => { n.ProvisionState = "active"; n.Protected = true; n.Maintenance = true; });

        var e = await Assert.ThrowsAsync<NodeProtected>(() => manager.DestroyNodeAsync(node.Uuid, CancellationToken.None));

        Assert.Equal(403, e.Code);
        Assert.NotNull(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task DestroyNode_WithInstance_ThrowsConflictNamingTheInstance()
    {
        var instance = ConductorFixture.NewUuid();
        var node = await fx.AddNodeAsync(n => { n.ProvisionState = "available"; n.InstanceUuid = instance; });

        var e = await Assert.ThrowsAsync<Conflict>(() => manager.DestroyNodeAsync(node.Uuid, CancellationToken.None));

        Assert.Equal(409, e.Code);
        Assert.Contains(instance, e.Message, StringComparison.Ordinal);
        Assert.NotNull(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task DestroyNode_WhenLocked_ThrowsNodeLocked()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "inspecting", clock.GetUtcNow());

        await Assert.ThrowsAsync<NodeLocked>(() => manager.DestroyNodeAsync(node.Uuid, CancellationToken.None));

        Assert.NotNull(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task DestroyPortgroup_WithPorts_ThrowsInvalid_AndWithoutPorts_Deletes()
    {
        var node = await fx.AddNodeAsync();
        var pg = await manager.CreatePortgroupAsync(new Portgroup { Uuid = ConductorFixture.NewUuid(), NodeUuid = node.Uuid }, CancellationToken.None);
        var port = await manager.CreatePortAsync(
            new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid, PortgroupUuid = pg.Uuid },
            CancellationToken.None);

        var e = await Assert.ThrowsAsync<Invalid>(() => manager.DestroyPortgroupAsync(pg.Uuid, CancellationToken.None));
        Assert.Equal(400, e.Code);
        Assert.Contains(pg.Uuid, e.Message, StringComparison.Ordinal);
        Assert.NotNull(await fx.Store.Portgroups.GetAsync("uuid", pg.Uuid));

        await manager.DestroyPortAsync(port.Uuid, CancellationToken.None);
        await manager.DestroyPortgroupAsync(pg.Uuid, CancellationToken.None);
        Assert.Null(await fx.Store.Portgroups.GetAsync("uuid", pg.Uuid));
        Assert.Null((await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task CreatePort_InPortgroupOfAnotherNode_ThrowsInvalid()
    {
        var node = await fx.AddNodeAsync();
        var other = await fx.AddNodeAsync();
        var pg = await manager.CreatePortgroupAsync(new Portgroup { Uuid = ConductorFixture.NewUuid(), NodeUuid = other.Uuid }, CancellationToken.None);
        var port = new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid, PortgroupUuid = pg.Uuid };

        await Assert.ThrowsAsync<Invalid>(() => manager.CreatePortAsync(port, CancellationToken.None));

        Assert.Null(await fx.Store.Ports.GetAsync("uuid", port.Uuid));
    }

    [Fact]
    public async Task CreatePort_ForMissingNode_ThrowsNodeNotFound()
    {
        var missing = ConductorFixture.NewUuid();
        var port = new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = missing };

        var e = await Assert.ThrowsAsync<NodeNotFound>(() => manager.CreatePortAsync(port, CancellationToken.None));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePort_WhileNodeIsLocked_SucceedsUnderSharedLock()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Reservations.TryReserveAsync(node.Uuid, "conductor-x", "deploying", clock.GetUtcNow());

        var port = await manager.CreatePortAsync(
            new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid },
            CancellationToken.None);

        Assert.Equal(clock.GetUtcNow(), (await fx.Store.Ports.GetAsync("uuid", port.Uuid))!.CreatedAt);
        Assert.Equal("conductor-x", (await fx.GetNodeAsync(node.Uuid)).Reservation);
    }

    [Fact]
    public async Task UpdatePort_MovingToAnotherNode_UpdatesAndReleasesBothLocks()
    {
        var node = await fx.AddNodeAsync();
        var target = await fx.AddNodeAsync();
        var port = await manager.CreatePortAsync(
            new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid },
            CancellationToken.None);
        port.NodeUuid = target.Uuid;

        await manager.UpdatePortAsync(port, ["node_uuid"], CancellationToken.None);

        Assert.Equal(target.Uuid, (await fx.Store.Ports.GetAsync("uuid", port.Uuid))!.NodeUuid);
        Assert.Null((await fx.GetNodeAsync(node.Uuid)).Reservation);
        Assert.Null((await fx.GetNodeAsync(target.Uuid)).Reservation);
    }

    [Fact]
    public async Task UpdatePortgroup_MovingWithPorts_ThrowsConflict()
    {
        var node = await fx.AddNodeAsync();
        var target = await fx.AddNodeAsync();
        var pg = await manager.CreatePortgroupAsync(new Portgroup { Uuid = ConductorFixture.NewUuid(), NodeUuid = node.Uuid }, CancellationToken.None);
        await manager.CreatePortAsync(
            new Port { Uuid = ConductorFixture.NewUuid(), Address = ConductorFixture.NewMac(), NodeUuid = node.Uuid, PortgroupUuid = pg.Uuid },
            CancellationToken.None);
        pg.NodeUuid = target.Uuid;

        await Assert.ThrowsAsync<Conflict>(() => manager.UpdatePortgroupAsync(pg, ["node_uuid"], CancellationToken.None));

        Assert.Equal(node.Uuid, (await fx.Store.Portgroups.GetAsync("uuid", pg.Uuid))!.NodeUuid);
    }
}
