using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class NodeListTests(ApiServer server)
{
    // Every node of a test gets a unique resource class, so lists can be scoped to the test.
    private async Task<(string Rc, List<string> Uuids)> CreateNodesAsync(int count, Func<int, string>? extra = null)
    {
        var rc = ApiServer.UniqueName("rc");
        var uuids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var node = await server.CreateNodeAsync($"{rc}-{i}", $", \"resource_class\": \"{rc}\"{extra?.Invoke(i) ?? ""}");
            uuids.Add((string)node["uuid"]!);
        }

        return (rc, uuids);
    }

    private static List<string> Uuids(Reply reply) =>
        [.. reply.Json["nodes"]!.AsArray().Select(n => (string)n!["uuid"]!)];

    [Fact]
    public async Task DefaultList_ShowsTheSummaryFieldsAndLinks()
    {
        var (rc, _) = await CreateNodesAsync(1);

        var node = (await server.GetAsync($"/v1/nodes?resource_class={rc}")).Json["nodes"]![0]!.AsObject();

        Assert.Equal(["uuid", "name", "instance_uuid", "power_state", "provision_state", "maintenance", "links"], node.Select(kv => kv.Key).ToList());
        Assert.Equal("self", (string?)node["links"]![0]!["rel"]);
        Assert.Equal("bookmark", (string?)node["links"]![1]!["rel"]);
    }

    [Fact]
    public async Task Limit_PagesWithNextLinksThatReachEveryNodeOnce()
    {
        var (rc, created) = await CreateNodesAsync(5);

        var seen = new List<string>();
        var url = $"/v1/nodes?resource_class={rc}&limit=2";
        var pages = 0;
        while (url is not null && pages++ < 10)
        {
            var reply = await server.GetAsync(url);
            Assert.Equal(200, reply.Status);
            var page = Uuids(reply);
            Assert.True(page.Count <= 2);
            seen.AddRange(page);
            url = reply.Json["next"] is { } next ? new Uri((string)next!).PathAndQuery : null;
        }

        Assert.Equal(created, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task NextLink_CarriesTheRequestAndTheLastUuidAsMarker()
    {
        var (rc, created) = await CreateNodesAsync(3);

        var reply = await server.GetAsync($"/v1/nodes?resource_class={rc}&limit=2&sort_key=name");

        var next = (string)reply.Json["next"]!;
        Assert.StartsWith($"{server.BaseUrl}/v1/nodes?", next, StringComparison.Ordinal);
        Assert.Contains($"resource_class={rc}", next, StringComparison.Ordinal);
        Assert.Contains("sort_key=name", next, StringComparison.Ordinal);
        Assert.EndsWith($"limit=2&marker={created[1]}", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitAboveMaxLimit_IsCapped()
    {
        await CreateNodesAsync(3);

        var reply = await server.GetAsync("/v1/nodes?limit=100000");

        Assert.Equal(200, reply.Status);
        Assert.True(Uuids(reply).Count <= 50);
    }

    [Fact]
    public async Task SortKeyAndDirection_OrderTheList()
    {
        var (rc, created) = await CreateNodesAsync(3);

        var desc = Uuids(await server.GetAsync($"/v1/nodes?resource_class={rc}&sort_key=name&sort_dir=desc"));

        Assert.Equal(created.AsEnumerable().Reverse(), desc);
    }

    [Fact]
    public async Task Fields_SelectColumnsAndKeepLinks()
    {
        var (rc, _) = await CreateNodesAsync(1);

        var node = (await server.GetAsync($"/v1/nodes?resource_class={rc}&fields=uuid,driver")).Json["nodes"]![0]!.AsObject();

        Assert.Equal(["uuid", "driver", "links"], node.Select(kv => kv.Key).ToList());
    }

    [Fact]
    public async Task Detail_ShowsFullNodesWithMaskedSecrets()
    {
        var (rc, _) = await CreateNodesAsync(1, _ => ", \"driver_info\": {\"ipmi_password\": \"pw\", \"ipmi_address\": \"1.2.3.4\"}");

        var viaPath = (await server.GetAsync($"/v1/nodes/detail?resource_class={rc}")).Json["nodes"]![0]!.AsObject();
        var viaParam = (await server.GetAsync($"/v1/nodes?resource_class={rc}&detail=true")).Json["nodes"]![0]!.AsObject();

        Assert.Equal("******", (string?)viaPath["driver_info"]!["ipmi_password"]);
        Assert.Equal("1.2.3.4", (string?)viaPath["driver_info"]!["ipmi_address"]);
        Assert.True(viaPath.ContainsKey("ports"));
        Assert.Equal(viaPath.ToJsonString(), viaParam.ToJsonString());
    }

    [Fact]
    public async Task Filters_SelectMatchingNodes()
    {
        var (rc, uuids) = await CreateNodesAsync(4, i => i switch
        {
            0 => ", \"maintenance\": true, \"description\": \"Rack A shelf 1\"",
            1 => ", \"instance_uuid\": \"" + Guid.NewGuid() + "\", \"conductor_group\": \"Group1\"",
            _ => "",
        });
        await server.PatchAsync($"/v1/nodes/{uuids[2]}", """[{"op": "add", "path": "/owner", "value": "proj-o"}, {"op": "add", "path": "/lessee", "value": "proj-l"}]""");

        async Task<List<string>> Query(string q) => Uuids(await server.GetAsync($"/v1/nodes?resource_class={rc}&{q}"));

        Assert.Equal([uuids[0]], await Query("maintenance=true"));
        Assert.Equal([uuids[1]], await Query("associated=True"));
        Assert.Equal([uuids[0], uuids[2], uuids[3]], await Query("associated=false"));
        Assert.Equal([uuids[1]], await Query("conductor_group=GROUP1"));
        Assert.Equal([uuids[2]], await Query("owner=proj-o"));
        Assert.Equal([uuids[2]], await Query("lessee=proj-l"));
        Assert.Equal([uuids[0]], await Query("description_contains=rack%20a"));
        Assert.Equal(uuids, await Query("driver=fake-hardware&provision_state=enroll"));
        Assert.Empty(await Query("provision_state=active"));
        Assert.Empty(await Query("fault=power%20failure"));
    }

    [Fact]
    public async Task UnknownMarker_Is404()
    {
        var reply = await server.GetAsync("/v1/nodes?marker=11111111-2222-3333-4444-555555555555");

        Assert.Equal(404, reply.Status);
        Assert.Equal("Node 11111111-2222-3333-4444-555555555555 could not be found.", reply.Fault);
    }

    [Fact]
    public async Task GetByNameAndByUuid_FindTheSameNode()
    {
        var name = ApiServer.UniqueName("byname");
        var created = await server.CreateNodeAsync(name);

        var byName = await server.GetAsync($"/v1/nodes/{name}");
        var byUuid = await server.GetAsync($"/v1/nodes/{created["uuid"]}");
        var upper = await server.GetAsync($"/v1/nodes/{((string)created["uuid"]!).ToUpperInvariant()}");

        Assert.Equal(byUuid.Body, byName.Body);
        Assert.Equal(byUuid.Body, upper.Body);
    }

    [Fact]
    public async Task SingleGetFields_UnknownField_Is400()
    {
        var created = await server.CreateNodeAsync();

        var reply = await server.GetAsync($"/v1/nodes/{created["uuid"]}?fields=uuid,bogus");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Field bogus is not a valid field.", reply.Fault);
    }

    [Fact]
    public async Task Delete_RemovesTheNodeAndItsPorts()
    {
        var node = await server.CreateNodeAsync(ApiServer.UniqueName("del"));
        var port = (await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"52:54:00:de:1e:7e\"}}")).Json;

        var reply = await server.DeleteAsync($"/v1/nodes/{node["name"]}");

        Assert.Equal(204, reply.Status);
        Assert.Equal("", reply.Body);
        Assert.Equal(404, (await server.GetAsync($"/v1/nodes/{node["uuid"]}")).Status);
        Assert.Equal(404, (await server.GetAsync($"/v1/ports/{port["uuid"]}")).Status);
    }

    [Fact]
    public async Task DeleteOfAnAssociatedNode_Is409()
    {
        var instance = Guid.NewGuid().ToString();
        var node = await server.CreateNodeAsync(extraJson: $", \"instance_uuid\": \"{instance}\"");

        var reply = await server.DeleteAsync($"/v1/nodes/{node["uuid"]}");

        Assert.Equal(409, reply.Status);
        Assert.Equal($"Node {node["uuid"]} is associated with instance {instance}.", reply.Fault);
    }
}
