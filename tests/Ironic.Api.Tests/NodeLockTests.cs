namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class NodeLockTests(ApiServer server)
{
    [Fact]
    public async Task PatchOfALockedNode_Is409NamingHolderPurposeAndRetryAfter()
    {
        var node = await server.CreateNodeAsync(ApiServer.UniqueName("locked"));
        var uuid = (string)node["uuid"]!;
        var holder = await server.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "deploying", DateTimeOffset.UtcNow.AddSeconds(-42));
        Assert.Null(holder);

        var reply = await server.PatchAsync($"/v1/nodes/{node["name"]}", """[{"op": "add", "path": "/extra/a", "value": 1}]""");

        Assert.Equal(409, reply.Status);
        Assert.StartsWith($"Node {uuid} is locked by host other-conductor for \"deploying\" (held for 4", reply.Fault);
        Assert.EndsWith("please retry after the current operation is completed.", reply.Fault);
        Assert.Equal("1", reply.Header("Retry-After"));

        // Reads are never blocked by a lock, and the refused change was not applied.
        var shown = await server.GetAsync($"/v1/nodes/{uuid}");
        Assert.Equal("other-conductor", (string?)shown.Json["reservation"]);
        Assert.Equal("{}", shown.Json["extra"]!.ToJsonString());

        await server.Store.Reservations.ReleaseAsync(uuid, "other-conductor");
        Assert.Equal(200, (await server.PatchAsync($"/v1/nodes/{uuid}", """[{"op": "add", "path": "/extra/a", "value": 1}]""")).Status);
    }

    [Fact]
    public async Task DeleteOfALockedNode_Is409AndKeepsTheNode()
    {
        var node = await server.CreateNodeAsync();
        var uuid = (string)node["uuid"]!;
        await server.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "cleaning", DateTimeOffset.UtcNow);

        var reply = await server.DeleteAsync($"/v1/nodes/{uuid}");

        Assert.Equal(409, reply.Status);
        Assert.Equal(200, (await server.GetAsync($"/v1/nodes/{uuid}")).Status);
    }

    [Fact]
    public async Task ConcurrentPatches_AllSucceedAndNoneIsLost()
    {
        var node = await server.CreateNodeAsync();
        var uuid = (string)node["uuid"]!;

        // The conductor serialises them on the node lock; with retries, each lands exactly once.
        var replies = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            server.PatchAsync($"/v1/nodes/{uuid}", $$"""[{"op": "add", "path": "/extra/k{{i}}", "value": {{i}}}]""")));

        var extra = (await server.GetAsync($"/v1/nodes/{uuid}")).Json["extra"]!.AsObject();
        foreach (var (reply, i) in replies.Select((r, i) => (r, i)))
        {
            Assert.True(reply.Status is 200 or 409, reply.Body);
            Assert.Equal(reply.Status == 200, extra.ContainsKey($"k{i}"));
        }
    }

    [Fact]
    public async Task AChangeComputedFromAStaleRead_Is409AndDoesNotOverwrite()
    {
        var node = await server.CreateNodeAsync();
        var uuid = (string)node["uuid"]!;
        var stale = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        await server.PatchAsync($"/v1/nodes/{uuid}", """[{"op": "add", "path": "/extra/first", "value": 1}]""");

        stale.Extra["second"] = 2;
        var e = await Assert.ThrowsAsync<Ironic.Common.Exceptions.Conflict>(() => server.Conductor.UpdateNodeAsync(stale, ["extra"], false, CancellationToken.None));

        Assert.Equal($"Node {uuid} was changed by another request while this one was being applied; retry the request.", e.Message);
        Assert.Equal("""{"first":1}""", (await server.GetAsync($"/v1/nodes/{uuid}")).Json["extra"]!.ToJsonString());
    }
}
