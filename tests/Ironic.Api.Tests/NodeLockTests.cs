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
        const int Clients = 8;

        // The conductor serialises them on the node lock; a client that finds it taken (409) retries, as
        // python-ironicclient does, so every patch lands once and none overwrites another.
        var replies = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i =>
            PatchRetryingOnConflictAsync($"/v1/nodes/{uuid}", $$"""[{"op": "add", "path": "/extra/k{{i}}", "value": {{i}}}]""")));

        Assert.All(replies, reply => Assert.True(reply.Status == 200, reply.Body));
        var extra = (await server.GetAsync($"/v1/nodes/{uuid}")).Json["extra"]!.AsObject();
        Assert.Equal(Enumerable.Range(0, Clients).Select(i => $"k{i}"), extra.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(Enumerable.Range(0, Clients), i => Assert.Equal(i, (int)extra[$"k{i}"]!));
    }

    // python-ironicclient's retry on 409 Conflict (max_retries 5, retry_interval 2 s); shorter here, and more
    // tries, because eight clients contend for one node.
    private async Task<Reply> PatchRetryingOnConflictAsync(string path, string patch)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reply = await server.PatchAsync(path, patch);
            if (reply.Status != 409 || attempt == 50)
            {
                return reply;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 100)));
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
