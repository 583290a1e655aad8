namespace Ironic.Api.Tests;

/// <summary>Bad input always gets a clear 4xx in Ironic's error body, never a 500, and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiServer server)
{
    [Theory]
    [InlineData("{\"driver\": \"fake-hardware\",")]
    [InlineData("notjson")]
    [InlineData("")]
    public async Task MalformedJson_Is400(string body)
    {
        var reply = await server.PostAsync("/v1/nodes", body);

        Assert.Equal(400, reply.Status);
        Assert.Contains("not valid JSON", reply.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyGivenTwice_KeepsItsLastValue_AndWhatIsStoredStaysPatchable()
    {
        var name = $"dup-{Guid.NewGuid():N}"[..16];
        var reply = await server.PostAsync("/v1/nodes",
            """{"driver": "fake-hardware", "name": "first", "name": """ + $"\"{name}\"" + """, "extra": {"k": 1, "k": 2, "n": {"x": 1, "x": 3}}}""");

        Assert.Equal(201, reply.Status);
        Assert.Equal(name, (string?)reply.Json["name"]);
        Assert.Equal(2, (int)reply.Json["extra"]!["k"]!);
        Assert.Equal(3, (int)reply.Json["extra"]!["n"]!["x"]!);
        var patched = await server.SendAsync(HttpMethod.Patch, $"/v1/nodes/{name}", json:
            """[{"op": "add", "path": "/extra/more", "value": {"y": 1, "y": 2}}]""");
        Assert.Equal(200, patched.Status);
        Assert.Equal(2, (int)patched.Json["extra"]!["more"]!["y"]!);
        Assert.Equal(3, (int)patched.Json["extra"]!["n"]!["x"]!);
    }

    [Theory]
    [InlineData("{\"driver\": \"fake-hardware\", \"name\": \"\\ud800\"}")]
    [InlineData("{\"driver\": \"fake-hardware\", \"extra\": {\"\\udc00x\": 1}}")]
    [InlineData("{\"driver\": \"fake-hardware\", \"extra\": {\"a\": [\"\\ud83d\"]}}")]
    public async Task AnUnpairedSurrogate_Is400(string body)
    {
        var reply = await server.PostAsync("/v1/nodes", body);

        Assert.Equal(400, reply.Status);
        Assert.Contains("not valid Unicode", reply.Fault, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"driver\": \"fake-hardware\", \"name\": 5}", "Schema error for node: 5 is not of type 'string', 'null'")]
    [InlineData("{\"driver\": 5}", "Schema error for node: 5 is not of type 'string'")]
    [InlineData("{\"driver\": \"fake-hardware\", \"driver_info\": \"str\"}", "Schema error for node: 'str' is not of type 'object', 'null'")]
    [InlineData("{\"driver\": \"fake-hardware\", \"maintenance\": \"maybe\"}", "Invalid maintenance: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")]
    [InlineData("[1, 2]", "Schema error for node: [1,2] is not of type 'object'")]
    [InlineData("{}", "Schema error for node: 'driver' is a required property")]
    public async Task WrongTypes_Are400WithTheSchemaMessage(string body, string expected)
    {
        var reply = await server.PostAsync("/v1/nodes", body);

        Assert.Equal(400, reply.Status);
        Assert.Equal(expected, reply.Fault);
    }

    [Fact]
    public async Task BooleansSpelledAsStrings_AreAccepted()
    {
        var reply = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\", \"maintenance\": \"yes\"}");

        Assert.Equal(201, reply.Status);
        Assert.True((bool)reply.Json["maintenance"]!);
    }

    [Theory]
    [InlineData("{\"driver\": \"fake-hardware\", \"bogus\": 1}", "('bogus' was unexpected)")]
    [InlineData("{\"driver\": \"fake-hardware\", \"bogus\": 1, \"other\": 2}", "('bogus', 'other' were unexpected)")]
    [InlineData("{\"driver\": \"fake-hardware\", \"provision_state\": \"active\"}", "('provision_state' was unexpected)")]
    public async Task UnknownOrInternalFields_Are400(string body, string expected)
    {
        var reply = await server.PostAsync("/v1/nodes", body);

        Assert.Equal(400, reply.Status);
        Assert.Equal($"Schema error for node: Additional properties are not allowed {expected}", reply.Fault);
    }

    [Theory]
    [InlineData("/v1/nodes?limit=", "Expected an integer for limit: ")]
    [InlineData("/v1/ports?limit=", "Expected an integer for limit: ")]
    [InlineData("/v1/nodes?sort_dir=", "Invalid sort direction: . Acceptable values are 'asc' or 'desc'")]
    [InlineData("/v1/chassis?sort_dir=", "Invalid sort direction: . Acceptable values are 'asc' or 'desc'")]
    public async Task EmptyListParameters_Are400_AsIronic(string path, string expected)
    {
        var reply = await server.GetAsync(path);

        Assert.Equal(400, reply.Status);
        Assert.Equal(expected, reply.Fault);
    }

    [Theory]
    [InlineData("GET", "/v1/ports/notauuid", "Expected UUID for port_uuid: notauuid")]
    [InlineData("GET", "/v1/chassis/notauuid", "Expected UUID for chassis_uuid: notauuid")]
    [InlineData("GET", "/v1/nodes?marker=abc", "Expected UUID for marker: abc")]
    [InlineData("GET", "/v1/nodes?instance_uuid=xyz", "Expected UUID for instance_uuid: xyz")]
    [InlineData("GET", "/v1/nodes/bad%20name", "Expected UUID or name for node: bad name")]
    public async Task BadUuids_Are400(string method, string path, string expected)
    {
        var reply = await server.SendAsync(new HttpMethod(method), path);

        Assert.Equal(400, reply.Status);
        Assert.Equal(expected, reply.Fault);
    }

    [Fact]
    public async Task BadUuidInBody_Is400()
    {
        var reply = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\", \"uuid\": \"notauuid\"}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Expected UUID for uuid: notauuid", reply.Fault);
    }

    [Theory]
    [InlineData("zz:54:00:aa:bb:01")]
    [InlineData("52-54-00-aa-bb-09")]
    [InlineData("5254.00aa.bb10")]
    [InlineData("52:54:00:aa:bb")]
    public async Task BadMacs_Are400(string mac)
    {
        var node = await server.CreateNodeAsync();

        var reply = await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"{mac}\"}}");

        Assert.Equal(400, reply.Status);
        Assert.Equal($"Expected valid MAC address for address: {mac}", reply.Fault);
    }

    [Fact]
    public async Task DuplicateNodeName_Is409AndKeepsTheFirstNode()
    {
        var name = ApiServer.UniqueName("dup");
        var first = await server.CreateNodeAsync(name);

        var reply = await server.PostAsync("/v1/nodes", $"{{\"driver\": \"fake-hardware\", \"name\": \"{name}\"}}");

        Assert.Equal(409, reply.Status);
        Assert.Equal($"A node with name {name} already exists.", reply.Fault);
        Assert.Equal((string?)first["uuid"], (string?)(await server.GetAsync($"/v1/nodes/{name}")).Json["uuid"]);
    }

    [Fact]
    public async Task RenameToTakenName_Is409()
    {
        var a = ApiServer.UniqueName("ren");
        await server.CreateNodeAsync(a);
        var b = await server.CreateNodeAsync(ApiServer.UniqueName("ren"));

        var reply = await server.PatchAsync($"/v1/nodes/{b["uuid"]}", $"[{{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"{a}\"}}]");

        Assert.Equal(409, reply.Status);
        Assert.Equal($"A node with name {a} already exists.", reply.Fault);
    }

    [Fact]
    public async Task DuplicateMac_Is409()
    {
        var node = await server.CreateNodeAsync();
        var body = $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"52:54:00:DD:00:01\"}}";
        Assert.Equal(201, (await server.PostAsync("/v1/ports", body)).Status);

        var reply = await server.PostAsync("/v1/ports", body);

        Assert.Equal(409, reply.Status);
        Assert.Equal("A port with MAC address 52:54:00:dd:00:01 already exists.", reply.Fault);
    }

    [Fact]
    public async Task HugeBody_Is413()
    {
        var huge = new string('x', 2 * 1024 * 1024);

        // Expect: 100-continue, as curl sends for big bodies: the 413 comes before the body is sent, so the client is not
        // cut off mid-upload (without it the server's early answer and close raced the upload: a broken pipe now and then).
        var reply = await server.SendAsync(HttpMethod.Post, "/v1/nodes", json: $"{{\"driver\": \"fake-hardware\", \"description\": \"{huge}\"}}",
            headers: new Dictionary<string, string> { ["Expect"] = "100-continue" });

        Assert.Equal(413, reply.Status);
        Assert.Equal("Request body is too large.", reply.Fault);
    }

    [Fact]
    public async Task UnknownDriver_Is400()
    {
        var reply = await server.PostAsync("/v1/nodes", "{\"driver\": \"nosuchdriver\"}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("No valid host was found. Reason: No conductor service registered which supports driver nosuchdriver for conductor group \"\".", reply.Fault);
    }

    [Theory]
    [InlineData("bad name", "Cannot create node with invalid name 'bad name'")]
    [InlineData("11111111-2222-3333-4444-555555555555", "Cannot create node with invalid name '11111111-2222-3333-4444-555555555555'")]
    [InlineData("detail", "The word \"detail\" is reserved and can not be used as a node name. Reserved words are: maintenance, management, states, vendor_passthru, detail, validate.")]
    public async Task InvalidNames_Are400(string name, string expected)
    {
        var reply = await server.PostAsync("/v1/nodes", $"{{\"driver\": \"fake-hardware\", \"name\": \"{name}\"}}");

        Assert.Equal(400, reply.Status);
        Assert.Equal(expected, reply.Fault);
    }

    [Fact]
    public async Task UnknownChassis_Is400()
    {
        var reply = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\", \"chassis_uuid\": \"11111111-2222-3333-4444-555555555555\"}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Chassis 11111111-2222-3333-4444-555555555555 could not be found.", reply.Fault);
    }

    [Fact]
    public async Task PortForUnknownNode_Is400()
    {
        var reply = await server.PostAsync("/v1/ports", "{\"node_uuid\": \"11111111-2222-3333-4444-555555555555\", \"address\": \"52:54:00:dd:00:77\"}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Node 11111111-2222-3333-4444-555555555555 could not be found.", reply.Fault);
    }

    [Theory]
    [InlineData("/v1/nodes?limit=0", "Limit must be positive")]
    [InlineData("/v1/nodes?limit=-1", "Limit must be positive")]
    [InlineData("/v1/nodes?limit=abc", "Expected an integer for limit: abc")]
    [InlineData("/v1/nodes?sort_dir=up", "Invalid sort direction: up. Acceptable values are 'asc' or 'desc'")]
    [InlineData("/v1/nodes?sort_key=properties", "The sort_key value properties is an invalid field for sorting")]
    [InlineData("/v1/nodes?sort_key=foo", "The sort_key value \"foo\" is an invalid field for sorting")]
    [InlineData("/v1/nodes?fields=uuid,bogus", "Field(s) \"bogus\" are not valid")]
    [InlineData("/v1/nodes?foo=bar", "Unexpected arguments: foo")]
    [InlineData("/v1/nodes/detail?fields=uuid", "Unexpected arguments: fields")]
    [InlineData("/v1/nodes?detail=true&fields=uuid", "Can not specify ?detail=True and fields in the same request.")]
    [InlineData("/v1/nodes?maintenance=maybe", "Invalid maintenance: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'")]
    [InlineData("/v1/nodes?provision_state=bogus", "Provision state \"bogus\" is not valid")]
    [InlineData("/v1/ports?address=bad", "Expected valid MAC address for address: bad")]
    public async Task BadQueryParameters_Are400(string path, string expected)
    {
        var reply = await server.GetAsync(path);

        Assert.Equal(400, reply.Status);
        Assert.Equal(expected, reply.Fault);
    }

    [Fact]
    public async Task UnknownRoute_Is404InIronicsErrorBody()
    {
        var reply = await server.GetAsync("/v1/nosuchresource");

        Assert.Equal(404, reply.Status);
        Assert.False(string.IsNullOrEmpty(reply.Fault));
    }

    [Fact]
    public async Task NotFound_ErrorBodyIsIronicsDoubleEncodedShape()
    {
        var reply = await server.GetAsync("/v1/nodes/11111111-2222-3333-4444-555555555555");

        Assert.Equal(404, reply.Status);
        Assert.Equal("application/json", reply.Header("Content-Type"));
        var inner = System.Text.Json.Nodes.JsonNode.Parse((string)reply.Json["error_message"]!)!.AsObject();
        Assert.Equal("Client", (string?)inner["faultcode"]);
        Assert.Equal("Node 11111111-2222-3333-4444-555555555555 could not be found.", (string?)inner["faultstring"]);
        Assert.True(inner.ContainsKey("debuginfo"));
        Assert.Null(inner["debuginfo"]);
    }
}
