using System.Text.Json.Nodes;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Data.Tests;

public sealed class TableTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Insert_ThenGet_RoundTripsEveryKindOfValue()
    {
        var created = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        var inserted = await fx.AddNodeAsync(n =>
        {
            n.Name = "roundtrip-" + Guid.NewGuid().ToString("N");
            n.DriverInfo = new JsonObject { ["ipmi_address"] = "10.0.0.5", ["nested"] = new JsonObject { ["port"] = 623 } };
            n.Traits = ["CUSTOM_A", "CUSTOM_B"];
            n.Maintenance = true;
            n.AutomatedClean = false;
            n.SecureBoot = null;
            n.CreatedAt = created;
            n.ProvisionUpdatedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));
        });

        var read = await fx.Store.Nodes.GetAsync("uuid", inserted.Uuid);

        Assert.NotNull(read);
        Assert.True(read.Id > 0);
        Assert.Equal(inserted.Id, read.Id);
        Assert.Equal(inserted.Name, read.Name);
        Assert.Equal("""{"ipmi_address":"10.0.0.5","nested":{"port":623}}""", read.DriverInfo.ToJsonString());
        Assert.Equal("""["CUSTOM_A","CUSTOM_B"]""", read.Traits.ToJsonString());
        Assert.True(read.Maintenance);
        Assert.False(read.AutomatedClean);
        Assert.Null(read.SecureBoot);
        Assert.Null(read.UpdatedAt);
        Assert.Equal(created, read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), read.ProvisionUpdatedAt);
        Assert.Empty(read.Properties);
    }

    [Fact]
    public async Task Get_WhenAbsent_ReturnsNull()
    {
        Assert.Null(await fx.Store.Nodes.GetAsync("uuid", DatabaseFixture.NewUuid()));
    }

    [Fact]
    public async Task Get_WithUnknownColumn_ThrowsInsteadOfBuildingSql()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fx.Store.Nodes.GetAsync("uuid = uuid; --", "x"));
        Assert.False(fx.Store.Nodes.HasColumn("conductor"));
        Assert.True(fx.Store.Nodes.HasColumn("provision_state"));
    }

    [Fact]
    public async Task Insert_WithDuplicateName_ThrowsDuplicateName()
    {
        var name = "dup-" + Guid.NewGuid().ToString("N");
        await fx.AddNodeAsync(n => n.Name = name);

        var e = await Assert.ThrowsAsync<DuplicateName>(() => fx.AddNodeAsync(n => n.Name = name));

        Assert.Equal(409, e.Code);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_ReferencingAMissingNode_IsAConflictNotACrash()
    {
        var port = new Drivers.Objects.Port
        {
            Uuid = Guid.NewGuid().ToString(),
            Address = "02:00:00:00:fe:01",
            NodeUuid = Guid.NewGuid().ToString(),
            CreatedAt = DateTimeOffset.UtcNow,
        };

        var e = await Assert.ThrowsAsync<Conflict>(() => fx.Store.Ports.InsertAsync(port));

        Assert.Equal(409, e.Code);
        Assert.Contains("no longer exists", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateIfUnchanged_WritesOnlyOverWhatTheCallerRead()
    {
        var chassis = new Chassis { Uuid = Guid.NewGuid().ToString(), CreatedAt = DateTimeOffset.UtcNow };
        await fx.Store.Chassis.InsertAsync(chassis);
        var first = (await fx.Store.Chassis.GetAsync("uuid", chassis.Uuid))!;
        var second = (await fx.Store.Chassis.GetAsync("uuid", chassis.Uuid))!;

        first.Description = "first";
        first.UpdatedAt = DateTimeOffset.UtcNow;
        var firstWrote = await fx.Store.Chassis.UpdateIfUnchangedAsync(first, ["description", "updated_at"], null);
        second.Description = "second";
        second.UpdatedAt = DateTimeOffset.UtcNow;
        var secondWrote = await fx.Store.Chassis.UpdateIfUnchangedAsync(second, ["description", "updated_at"], null);

        Assert.True(firstWrote);
        Assert.False(secondWrote);
        Assert.Equal("first", (await fx.Store.Chassis.GetAsync("uuid", chassis.Uuid))!.Description);
    }

    [Fact]
    public async Task Delete_OfAReferencedRow_IsAConflict()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Ports.InsertAsync(new Drivers.Objects.Port
        {
            Uuid = Guid.NewGuid().ToString(), Address = "02:00:00:00:fe:02", NodeUuid = node.Uuid, CreatedAt = DateTimeOffset.UtcNow,
        });

        var e = await Assert.ThrowsAsync<Conflict>(() => fx.Store.Nodes.DeleteWhereAsync("uuid", node.Uuid));

        Assert.Contains("still referenced", e.Message, StringComparison.Ordinal);
        Assert.NotNull(await fx.Store.Nodes.GetAsync("uuid", node.Uuid));
    }

    [Fact]
    public async Task Insert_WithDuplicateUuid_ThrowsConflict()
    {
        var first = await fx.AddNodeAsync();

        var e = await Assert.ThrowsAsync<Conflict>(() => fx.AddNodeAsync(n => n.Uuid = first.Uuid));

        Assert.Equal(409, e.Code);
        Assert.Contains(first.Uuid, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_WithInstanceAlreadyAssociated_ThrowsConflictNamingTheInstance()
    {
        var instance = DatabaseFixture.NewUuid();
        await fx.AddNodeAsync(n => n.InstanceUuid = instance);

        var e = await Assert.ThrowsAsync<Conflict>(() => fx.AddNodeAsync(n => n.InstanceUuid = instance));

        Assert.Contains(instance, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertPort_WithDuplicateMac_ThrowsMacAlreadyExists()
    {
        var node = await fx.AddNodeAsync();
        var port = await fx.AddPortAsync(node.Uuid);

        var e = await Assert.ThrowsAsync<MacAlreadyExists>(() => fx.AddPortAsync(node.Uuid, p => p.Address = port.Address));

        Assert.Equal(409, e.Code);
        Assert.Contains(port.Address, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertPortgroup_WithDuplicateName_ThrowsConflict()
    {
        var node = await fx.AddNodeAsync();
        var name = "pg-" + Guid.NewGuid().ToString("N");
        await fx.AddPortgroupAsync(node.Uuid, p => p.Name = name);

        var e = await Assert.ThrowsAsync<Conflict>(() => fx.AddPortgroupAsync(node.Uuid, p => p.Name = name));

        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WritesOnlyTheNamedColumns()
    {
        var node = await fx.AddNodeAsync(n => n.Description = "before");
        node.Name = "renamed-" + Guid.NewGuid().ToString("N");
        node.Description = "not saved";

        Assert.True(await fx.Store.Nodes.UpdateAsync(node, ["name"]));

        var read = await fx.Store.Nodes.GetAsync("uuid", node.Uuid);
        Assert.Equal(node.Name, read!.Name);
        Assert.Equal("before", read.Description);
    }

    [Fact]
    public async Task Update_WhenRowIsGone_ReturnsFalse()
    {
        var node = await fx.AddNodeAsync();
        await fx.Store.Nodes.DeleteWhereAsync("uuid", node.Uuid);
        node.Description = "x";

        Assert.False(await fx.Store.Nodes.UpdateAsync(node, ["description"]));
    }

    [Fact]
    public async Task Update_ToTakenName_ThrowsDuplicateName()
    {
        var name = "taken-" + Guid.NewGuid().ToString("N");
        await fx.AddNodeAsync(n => n.Name = name);
        var other = await fx.AddNodeAsync();
        other.Name = name;

        await Assert.ThrowsAsync<DuplicateName>(() => fx.Store.Nodes.UpdateAsync(other, ["name"]));
        Assert.Null((await fx.Store.Nodes.GetAsync("uuid", other.Uuid))!.Name);
    }

    [Fact]
    public async Task DeleteWhere_ReturnsTheNumberOfRowsDeleted()
    {
        var node = await fx.AddNodeAsync();
        await fx.AddPortAsync(node.Uuid);
        await fx.AddPortAsync(node.Uuid);

        Assert.Equal(2, await fx.Store.Ports.DeleteWhereAsync("node_uuid", node.Uuid));
        Assert.Equal(0, await fx.Store.Ports.DeleteWhereAsync("node_uuid", node.Uuid));
    }

    [Fact]
    public async Task List_AppliesEachFilterKind()
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var a = await fx.AddNodeAsync(n => { n.Owner = owner; n.Description = "rack 50%_off"; n.ResourceClass = "Gold"; n.Lessee = "x"; });
        var b = await fx.AddNodeAsync(n => { n.Owner = owner; n.Description = "rack 50 percent"; n.ResourceClass = "silver"; });
        var c = await fx.AddNodeAsync(n => { n.Owner = owner; n.Description = null; n.ResourceClass = "GOLD"; n.Lessee = "y"; });
        var mine = Filter.Eq("owner", owner);

        async Task<string[]> Uuids(params Filter[] filters) =>
            [.. (await fx.Store.Nodes.ListAsync(new ListQuery { Filters = [mine, .. filters] })).Select(n => n.Uuid)];

        Assert.Equal([a.Uuid, b.Uuid, c.Uuid], await Uuids());
        Assert.Equal([a.Uuid], await Uuids(new Filter("description", FilterOp.Contains, "50%_")));
        Assert.Equal([a.Uuid, b.Uuid], await Uuids(new Filter("description", FilterOp.Contains, "rack")));
        Assert.Equal([c.Uuid], await Uuids(new Filter("description", FilterOp.IsNull)));
        Assert.Equal([a.Uuid, c.Uuid], await Uuids(new Filter("lessee", FilterOp.IsNotNull)));
        Assert.Equal([a.Uuid, c.Uuid], await Uuids(new Filter("resource_class", FilterOp.EqualIgnoreCase, "gold")));
        Assert.Equal([a.Uuid, b.Uuid], await Uuids(new Filter("uuid", FilterOp.In, new object?[] { a.Uuid, b.Uuid, "other" })));
        Assert.Empty(await Uuids(new Filter("uuid", FilterOp.In, Array.Empty<object?>())));
        Assert.Equal([b.Uuid], await Uuids(Filter.Eq("resource_class", "silver"), new Filter("description", FilterOp.Contains, "rack")));
        Assert.Equal(2, await fx.Store.Nodes.CountAsync([mine, new Filter("lessee", FilterOp.IsNotNull)]));
    }

    [Fact]
    public async Task List_FiltersOnBooleans()
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var inMaintenance = await fx.AddNodeAsync(n => { n.Owner = owner; n.Maintenance = true; });
        await fx.AddNodeAsync(n => n.Owner = owner);

        var list = await fx.Store.Nodes.ListAsync(new ListQuery { Filters = [Filter.Eq("owner", owner), Filter.Eq("maintenance", true)] });

        Assert.Equal([inMaintenance.Uuid], list.Select(n => n.Uuid));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task List_PagesByIdWithMarker(bool descending)
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        var all = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            all.Add((await fx.AddNodeAsync(n => n.Owner = owner)).Uuid);
        }

        if (descending)
        {
            all.Reverse();
        }

        var pages = await PageThroughAsync(owner, "id", descending, limit: 2);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(all, pages.SelectMany(p => p));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task List_PagesBySortKeyWithNullsAndTies_WithoutSkippingOrRepeating(bool descending)
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        // Insertion order gives the id order; the sort column has NULLs, ties and distinct values.
        string?[] keys = ["b", null, "a", "b", null, "c", "a", null];
        var nodes = new List<(string Uuid, string? Key, long Id)>();
        foreach (var key in keys)
        {
            var n = await fx.AddNodeAsync(n => { n.Owner = owner; n.Description = key; });
            nodes.Add((n.Uuid, key, n.Id));
        }

        // Ascending: NULLs first, then by value; ties by id. Descending is the exact reverse.
        var expected = nodes
            .OrderBy(n => n.Key is not null).ThenBy(n => n.Key, StringComparer.Ordinal).ThenBy(n => n.Id)
            .Select(n => n.Uuid).ToList();
        if (descending)
        {
            expected.Reverse();
        }

        for (var limit = 1; limit <= 4; limit++)
        {
            var pages = await PageThroughAsync(owner, "description", descending, limit);
            Assert.Equal(expected, pages.SelectMany(p => p));
        }
    }

    [Fact]
    public async Task List_WithMarkerOfUnknownUuid_ReturnsNothing()
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N");
        await fx.AddNodeAsync(n => n.Owner = owner);

        var list = await fx.Store.Nodes.ListAsync(new ListQuery
        {
            Filters = [Filter.Eq("owner", owner)],
            MarkerUuid = DatabaseFixture.NewUuid(),
        });

        Assert.Empty(list);
    }

    [Fact]
    public async Task List_WithUnknownSortKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fx.Store.Nodes.ListAsync(new ListQuery { SortKey = "name; DROP TABLE nodes" }));
    }

    private async Task<List<List<string>>> PageThroughAsync(string owner, string sortKey, bool descending, int limit)
    {
        var pages = new List<List<string>>();
        string? marker = null;
        while (true)
        {
            var page = await fx.Store.Nodes.ListAsync(new ListQuery
            {
                Filters = [Filter.Eq("owner", owner)],
                SortKey = sortKey,
                Descending = descending,
                Limit = limit,
                MarkerUuid = marker,
            });
            if (page.Count == 0)
            {
                return pages;
            }

            pages.Add([.. page.Select(n => n.Uuid)]);
            Assert.True(pages.Count <= 20, "pagination does not terminate");
            marker = page[^1].Uuid;
        }
    }
}
