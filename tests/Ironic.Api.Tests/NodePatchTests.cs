using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class NodePatchTests(ApiServer server)
{
    private async Task<(string Uuid, Reply Reply)> PatchNewNodeAsync(string patch, string version = "latest",
        string createExtra = ", \"driver_info\": {\"ipmi_address\": \"10.0.0.1\", \"ipmi_password\": \"s3cret\"}, \"extra\": {\"list\": [1]}")
    {
        var node = await server.CreateNodeAsync(ApiServer.UniqueName("patch"), createExtra);
        var uuid = (string)node["uuid"]!;
        return (uuid, await server.PatchAsync($"/v1/nodes/{uuid}", patch, version));
    }

    [Fact]
    public async Task NestedPaths_AddReplaceRemove_ChangeOnlyThatKey()
    {
        var (uuid, reply) = await PatchNewNodeAsync("""
            [{"op": "add", "path": "/driver_info/ipmi_username", "value": "admin"},
             {"op": "replace", "path": "/driver_info/ipmi_address", "value": "10.0.0.2"},
             {"op": "add", "path": "/properties/cpus", "value": 4},
             {"op": "add", "path": "/extra/list/-", "value": 2}]
            """);

        Assert.Equal(200, reply.Status);
        var stored = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        Assert.Equal("admin", (string?)stored["driver_info"]!["ipmi_username"]);
        Assert.Equal("10.0.0.2", (string?)stored["driver_info"]!["ipmi_address"]);
        Assert.Equal("******", (string?)stored["driver_info"]!["ipmi_password"]);
        Assert.Equal(4, (int)stored["properties"]!["cpus"]!);
        Assert.Equal("[1,2]", stored["extra"]!["list"]!.ToJsonString());

        var removed = await server.PatchAsync($"/v1/nodes/{uuid}", """[{"op": "remove", "path": "/driver_info/ipmi_username"}]""");
        Assert.Equal(200, removed.Status);
        Assert.False(removed.Json["driver_info"]!.AsObject().ContainsKey("ipmi_username"));
    }

    [Fact]
    public async Task PatchResponse_MasksThePasswordButStoresIt()
    {
        var (uuid, reply) = await PatchNewNodeAsync("""[{"op": "replace", "path": "/driver_info/ipmi_password", "value": "n3w"}]""");

        Assert.Equal("******", (string?)reply.Json["driver_info"]!["ipmi_password"]);
        Assert.DoesNotContain("n3w", reply.Body, StringComparison.Ordinal);
        var stored = await server.Store.Nodes.GetAsync("uuid", uuid);
        Assert.Equal("n3w", (string?)stored!.DriverInfo["ipmi_password"]);
    }

    [Theory]
    [InlineData("""[{"op": "remove", "path": "/extra/nokey"}]""", "Couldn't apply patch '{'op': 'remove', 'path': '/extra/nokey'}'. Reason: can't remove a non-existent object 'nokey'")]
    [InlineData("""[{"op": "replace", "path": "/driver_info/nokey", "value": "v"}]""", "Couldn't apply patch '{'op': 'replace', 'path': '/driver_info/nokey'}'. Reason: can't replace a non-existent object 'nokey'")]
    [InlineData("""[{"op": "add", "path": "/driver_info/a/b", "value": "v"}]""", "Couldn't apply patch '{'op': 'add', 'path': '/driver_info/a/b'}'. Reason: member 'a' not found")]
    [InlineData("""[{"op": "test", "path": "/name", "value": "x"}]""", "Schema error for patch: 'test' is not one of ['add', 'replace', 'remove']")]
    [InlineData("""[{"op": "move", "from": "/name", "path": "/description"}]""", "Schema error for patch: Additional properties are not allowed ('from' was unexpected)")]
    [InlineData("""[{"path": "/name", "value": "x"}]""", "Schema error for patch: 'op' is a required property")]
    [InlineData("""[{"op": "replace", "value": "x"}]""", "Schema error for patch: 'path' is a required property")]
    [InlineData("""[{"op": "replace", "path": "name", "value": "x"}]""", "Schema error for patch: 'name' does not match '^(/[\\w-]+)+$'")]
    [InlineData("""[{"op": "replace", "path": "/name"}]""", "Schema error for patch: 'value' is a required property")]
    [InlineData("""{"op": "replace", "path": "/name", "value": "x"}""", "Schema error for patch: {'op':'replace','path':'/name','value':'x'} is not of type 'array'")]
    [InlineData("""[{"op": "add", "path": "/extra", "value": "notadict"}]""", "Schema error for patch: 'notadict' is not of type 'object', 'null'")]
    [InlineData("""[{"op": "remove", "path": "/driver"}]""", "Schema error for patch: 'driver' is a required property")]
    [InlineData("""[{"op": "replace", "path": "/maintenance", "value": "notbool"}]""", "Invalid maintenance: Unrecognized value 'notbool', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")]
    [InlineData("""[{"op": "replace", "path": "/instance_uuid", "value": "notuuid"}]""", "Expected UUID for instance_uuid: notuuid")]
    public async Task InvalidPatches_Are400AndChangeNothing(string patch, string expected)
    {
        var (uuid, reply) = await PatchNewNodeAsync("""[{"op": "add", "path": "/extra/first", "value": 1}]""");
        Assert.Equal(200, reply.Status);
        var before = (await server.GetAsync($"/v1/nodes/{uuid}")).Body;

        var failed = await server.PatchAsync($"/v1/nodes/{uuid}", patch);

        Assert.Equal(400, failed.Status);
        Assert.Equal(expected, failed.Fault);
        Assert.DoesNotContain("s3cret", failed.Body, StringComparison.Ordinal);
        Assert.Equal(before, (await server.GetAsync($"/v1/nodes/{uuid}")).Body);
    }

    [Fact]
    public async Task AFailingLaterOperation_LeavesEarlierOperationsUnapplied()
    {
        var (uuid, reply) = await PatchNewNodeAsync("""
            [{"op": "add", "path": "/extra/applied", "value": true},
             {"op": "remove", "path": "/extra/missing"}]
            """);

        Assert.Equal(400, reply.Status);
        var stored = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        Assert.False(stored["extra"]!.AsObject().ContainsKey("applied"));
    }

    [Theory]
    [InlineData("/uuid")]
    [InlineData("/provision_state")]
    [InlineData("/created_at")]
    [InlineData("/nosuchfield")]
    public async Task InternalOrUnknownFields_CannotBePatched(string path)
    {
        var (_, reply) = await PatchNewNodeAsync($$"""[{"op": "replace", "path": "{{path}}", "value": "x"}]""");

        Assert.Equal(400, reply.Status);
        Assert.StartsWith($"Cannot patch {path}. Only the following can be updated: automated_clean, bios_interface, boot_interface, chassis_uuid,", reply.Fault);
    }

    [Fact]
    public async Task FieldNewerThanRequest_Is406()
    {
        var (_, reply) = await PatchNewNodeAsync("""[{"op": "add", "path": "/owner", "value": "p1"}]""", version: "1.49");

        Assert.Equal(406, reply.Status);
        Assert.Equal("Request not acceptable.", reply.Fault);
    }

    [Fact]
    public async Task RemovingTopLevelFields_ResetsThemToEmpty()
    {
        var (uuid, reply) = await PatchNewNodeAsync("""
            [{"op": "remove", "path": "/name"}, {"op": "remove", "path": "/extra"}, {"op": "remove", "path": "/driver_info"}]
            """);

        Assert.Equal(200, reply.Status);
        Assert.Null(reply.Json["name"]);
        Assert.Equal("{}", reply.Json["extra"]!.ToJsonString());
        Assert.Equal("{}", (await server.GetAsync($"/v1/nodes/{uuid}")).Json["driver_info"]!.ToJsonString());
    }

    [Fact]
    public async Task RenameToInvalidName_NamesTheNodeAsAddressed()
    {
        var name = ApiServer.UniqueName("valid");
        await server.CreateNodeAsync(name);

        var reply = await server.PatchAsync($"/v1/nodes/{name}", """[{"op": "replace", "path": "/name", "value": "bad name"}]""");

        Assert.Equal(400, reply.Status);
        Assert.Equal($"Node {name}: Cannot change name to invalid name 'bad name'", reply.Fault);
    }

    [Fact]
    public async Task ProtectingANodeOutsideActive_Is409()
    {
        var (uuid, reply) = await PatchNewNodeAsync("""[{"op": "replace", "path": "/protected", "value": true}]""");

        Assert.Equal(409, reply.Status);
        Assert.Equal($"Node {uuid} can only be made protected in provision states 'active' or 'rescue', the current state is 'enroll'", reply.Fault);
    }

    [Fact]
    public async Task EmptyPatch_ChangesNothingAndAnswers200()
    {
        var (uuid, reply) = await PatchNewNodeAsync("[]");

        Assert.Equal(200, reply.Status);
        Assert.Equal(uuid, (string?)reply.Json["uuid"]);
        Assert.Null(reply.Json["updated_at"]);
    }

    [Fact]
    public async Task SuccessfulPatch_SetsUpdatedAt()
    {
        var (_, reply) = await PatchNewNodeAsync("""[{"op": "add", "path": "/description", "value": "rack 4"}]""");

        Assert.Equal("rack 4", (string?)reply.Json["description"]);
        Assert.NotNull(reply.Json["updated_at"]);
    }
}
