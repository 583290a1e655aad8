using Ironic.Conductor.Periodic;
using Ironic.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Api.Tests;

/// <summary><c>/v1/nodes/{node}/history</c> (1.78): state changes and errors journaled per node.</summary>
[Collection(ApiCollection.Name)]
public sealed class NodeHistoryTests(ApiServer server)
{
    private async Task<string> ManagedNodeAsync()
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        Assert.Equal(202, (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", json: """{"target": "manage"}""")).Status);
        await server.WhenIdleAsync();
        return uuid;
    }

    [Fact]
    public async Task StateChanges_AreListedOldestFirst_WithDetailOnRequest()
    {
        var uuid = await ManagedNodeAsync();

        var list = (await server.GetAsync($"/v1/nodes/{uuid}/history")).Json["history"]!.AsArray();
        var detail = (await server.GetAsync($"/v1/nodes/{uuid}/history?detail=true")).Json["history"]!.AsArray();
        var detailPath = (await server.GetAsync($"/v1/nodes/{uuid}/history/detail")).Json["history"]!.AsArray();

        Assert.Equal(
            ["Node moved from provision state \"enroll\" to \"verifying\".", "Node moved from provision state \"verifying\" to \"manageable\"."],
            list.Select(e => (string?)e!["event"]));
        Assert.Equal(["uuid", "created_at", "severity", "event", "links"], list[0]!.AsObject().Select(kv => kv.Key));
        Assert.All(list, e => Assert.Equal("INFO", (string?)e!["severity"]));
        Assert.Equal(["verify", "provisioning"], detail.Select(e => (string?)e!["event_type"]));
        Assert.Equal(detail.ToJsonString(), detailPath.ToJsonString());
        Assert.All(detail, e => Assert.Equal(ApiServer.Host, (string?)e!["conductor"]));
        Assert.EndsWith($"/v1/nodes/{uuid}/history/{list[0]!["uuid"]}", (string?)list[0]!["links"]![0]!["href"]);
    }

    [Fact]
    public async Task FailingStep_IsRecordedAsAnError_AndOneEventCanBeFetched()
    {
        var uuid = await ManagedNodeAsync();
        await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision",
            json: """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_fail"}]}""");
        await server.WhenIdleAsync();

        var events = (await server.GetAsync($"/v1/nodes/{uuid}/history?detail=true")).Json["history"]!.AsArray();
        var error = Assert.Single(events, e => (string?)e!["severity"] == "ERROR")!;
        var one = await server.GetAsync($"/v1/nodes/{uuid}/history/{error["uuid"]}");

        Assert.StartsWith($"Clean step power.fake_fail failed on node {uuid}:", (string?)error["event"]);
        Assert.Equal("cleaning", (string?)error["event_type"]);
        Assert.Contains(events, e => (string?)e!["event"] == "Maintenance mode set: " + (string?)error["event"]);
        Assert.Equal(200, one.Status);
        Assert.Equal((string?)error["event"], (string?)one.Json["event"]);
        Assert.Equal("cleaning", (string?)one.Json["event_type"]);
    }

    [Fact]
    public async Task Pages_FollowTheNextLink()
    {
        var uuid = await ManagedNodeAsync();

        var first = (await server.GetAsync($"/v1/nodes/{uuid}/history?limit=1")).Json;
        var next = (string)first["next"]!;
        var second = (await server.GetAsync(next[next.IndexOf("/v1/", StringComparison.Ordinal)..])).Json;

        Assert.Single(first["history"]!.AsArray());
        Assert.Contains("marker=", next, StringComparison.Ordinal);
        Assert.Equal("Node moved from provision state \"verifying\" to \"manageable\".", (string?)second["history"]![0]!["event"]);
    }

    [Fact]
    public async Task LongEvents_AreShortenedInTheListOnly()
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        var text = new string('x', 300);
        await server.Store.History.InsertAsync(new NodeHistoryEvent
        {
            Uuid = Guid.NewGuid().ToString(), NodeUuid = node.Uuid, Event = text, Severity = "ERROR", CreatedAt = DateTimeOffset.UtcNow,
        });

        var listed = (string?)(await server.GetAsync($"/v1/nodes/{uuid}/history")).Json["history"]![0]!["event"];
        var detailed = (string?)(await server.GetAsync($"/v1/nodes/{uuid}/history?detail=True")).Json["history"]![0]!["event"];

        Assert.Equal(new string('x', 251) + "...", listed);
        Assert.Equal(text, detailed);
    }

    [Fact]
    public async Task BadRequests_GetIronicsAnswers()
    {
        var uuid = await ManagedNodeAsync();
        var other = await ManagedNodeAsync();
        var otherEvent = (string)(await server.GetAsync($"/v1/nodes/{other}/history")).Json["history"]![0]!["uuid"]!;
        var unknown = Guid.NewGuid().ToString();

        Assert.Equal(404, (await server.GetAsync($"/v1/nodes/{uuid}/history", "1.77")).Status);
        Assert.Equal($"Node history record {unknown} could not be found.", (await server.GetAsync($"/v1/nodes/{uuid}/history?marker={unknown}")).Fault);
        Assert.Equal("Limit must be positive", (await server.GetAsync($"/v1/nodes/{uuid}/history?limit=0")).Fault);
        Assert.Equal(404, (await server.GetAsync($"/v1/nodes/{uuid}/history/{otherEvent}")).Status);
        Assert.Equal(400, (await server.GetAsync($"/v1/nodes/{uuid}/history?sort_key=event")).Status);
    }

    [Fact]
    public async Task DeletingTheNode_DeletesItsHistory()
    {
        var uuid = await ManagedNodeAsync();

        Assert.Equal(204, (await server.DeleteAsync($"/v1/nodes/{uuid}")).Status);

        Assert.Equal(0, await server.Store.History.CountAsync([Filter.Eq("node_uuid", uuid)]));
    }

    [Fact]
    public async Task Cleanup_KeepsTheNewestEventsOfEachNode()
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        var old = DateTimeOffset.UtcNow.AddDays(-2);
        for (var i = 0; i < 305; i++)
        {
            await server.Store.History.InsertAsync(new NodeHistoryEvent
            {
                Uuid = Guid.NewGuid().ToString(), NodeUuid = uuid, Event = $"event {i}", CreatedAt = old,
            });
        }

        var cleanup = server.Services.GetRequiredService<HistoryCleanup>();
        while (await cleanup.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        var kept = await server.Store.History.ListAsync(new ListQuery { Filters = [Filter.Eq("node_uuid", uuid)], Limit = 1000 });
        Assert.Equal(300, kept.Count);
        Assert.Equal("event 5", kept[0].Event);
    }
}
