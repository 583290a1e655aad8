namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class MicroversionTests(ApiServer server)
{
    private const string Min = "X-OpenStack-Ironic-API-Minimum-Version";
    private const string Max = "X-OpenStack-Ironic-API-Maximum-Version";
    private const string Ver = "X-OpenStack-Ironic-API-Version";

    [Fact]
    public async Task Root_ListsV1WithTheServedRange()
    {
        var reply = await server.GetAsync("/", version: null);

        Assert.Equal(200, reply.Status);
        var v1 = reply.Json["default_version"]!.AsObject();
        Assert.Equal("v1", (string?)v1["id"]);
        Assert.Equal("1.1", (string?)v1["min_version"]);
        Assert.Equal(reply.Json["versions"]![0]!["version"]!.ToString(), (string?)v1["version"]);
        Assert.Equal($"{server.BaseUrl}/v1/", (string?)v1["links"]![0]!["href"]);
    }

    [Fact]
    public async Task NoHeader_ServesTheMinimumVersion()
    {
        var reply = await server.GetAsync("/v1/nodes", version: null);

        Assert.Equal(200, reply.Status);
        Assert.Equal("1.1", reply.Header(Ver));
        Assert.Equal("1.1", reply.Header(Min));
        Assert.NotNull(reply.Header(Max));
    }

    [Fact]
    public async Task Latest_ServesTheMaximumVersion()
    {
        var reply = await server.GetAsync("/v1", version: "LATEST");

        Assert.Equal(200, reply.Status);
        Assert.Equal(reply.Header(Max), reply.Header(Ver));
    }

    [Fact]
    public async Task StandardHeader_IsHonouredAndEchoed()
    {
        var reply = await server.SendAsync(HttpMethod.Get, "/v1/nodes", version: null,
            headers: new Dictionary<string, string> { ["OpenStack-API-Version"] = "baremetal 1.31" });

        Assert.Equal(200, reply.Status);
        Assert.Equal("1.31", reply.Header(Ver));
        Assert.Equal("baremetal 1.31", reply.Header("OpenStack-API-Version"));
    }

    [Fact]
    public async Task TooHighMinor_Is406WithRangeHeadersSoClientsCanNegotiate()
    {
        var reply = await server.GetAsync("/v1/nodes", version: "1.999");

        Assert.Equal(406, reply.Status);
        Assert.Equal("1.1", reply.Header(Min));
        Assert.NotNull(reply.Header(Max));
        Assert.Null(reply.Header(Ver));
        Assert.StartsWith("Version 1.999 was requested but the minor version is not supported by this service.", reply.Fault);
    }

    [Fact]
    public async Task OtherMajor_Is406MutuallyExclusive()
    {
        var reply = await server.GetAsync("/v1/nodes", version: "2.1");

        Assert.Equal(406, reply.Status);
        Assert.StartsWith("Mutually exclusive versions requested. Version 2.1 requested", reply.Fault);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("1.x")]
    public async Task MalformedVersion_Is406(string value)
    {
        var reply = await server.GetAsync("/v1/nodes", version: value);

        Assert.Equal(406, reply.Status);
        Assert.Equal("Invalid value for X-OpenStack-Ironic-API-Version header", reply.Fault);
    }

    [Fact]
    public async Task VersionZero_IsBelowTheMinimum()
    {
        var reply = await server.GetAsync("/v1/nodes", version: "1.0");

        Assert.Equal(406, reply.Status);
    }

    [Fact]
    public async Task NodeFields_AreHiddenBelowTheirMicroversion()
    {
        var node = await server.CreateNodeAsync(ApiServer.UniqueName("mv"));
        var uuid = (string)node["uuid"]!;

        var at14 = (await server.GetAsync($"/v1/nodes/{uuid}", "1.4")).Json;
        var at15 = (await server.GetAsync($"/v1/nodes/{uuid}", "1.5")).Json;
        var at30 = (await server.GetAsync($"/v1/nodes/{uuid}", "1.30")).Json;
        var at31 = (await server.GetAsync($"/v1/nodes/{uuid}", "1.31")).Json;
        var at49 = (await server.GetAsync($"/v1/nodes/{uuid}", "1.49")).Json;
        var at50 = (await server.GetAsync($"/v1/nodes/{uuid}", "1.50")).Json;

        Assert.False(at14.ContainsKey("name"));
        Assert.True(at15.ContainsKey("name"));
        Assert.False(at30.ContainsKey("power_interface"));
        Assert.True(at31.ContainsKey("power_interface"));
        Assert.False(at49.ContainsKey("owner"));
        Assert.True(at50.ContainsKey("owner"));
        Assert.True(at49.ContainsKey("conductor"));
        Assert.False(at14.ContainsKey("portgroups"));
        Assert.True(at31.ContainsKey("portgroups"));
    }

    [Fact]
    public async Task NewNodes_StartInAvailableBefore111AndEnrollFrom111()
    {
        var old = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\"}", "1.10");
        var current = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\"}", "1.11");

        Assert.Equal("available", (string?)old.Json["provision_state"]);
        Assert.Equal("enroll", (string?)current.Json["provision_state"]);
    }

    [Fact]
    public async Task AvailableIsShownAsNullBefore12()
    {
        var created = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\"}", "1.1");
        var uuid = (string)created.Json["uuid"]!;

        Assert.Null(created.Json["provision_state"]);
        Assert.Equal("available", (string?)(await server.GetAsync($"/v1/nodes/{uuid}", "1.2")).Json["provision_state"]);
    }

    [Fact]
    public async Task FieldNewerThanRequest_InCreateBody_Is406()
    {
        var reply = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\", \"name\": \"too-new\"}", "1.4");

        Assert.Equal(406, reply.Status);
        Assert.Equal("Request not acceptable.", reply.Fault);
    }

    [Fact]
    public async Task FilterNewerThanRequest_Is406NamingTheVersion()
    {
        var reply = await server.GetAsync("/v1/nodes?driver=fake-hardware", "1.15");

        Assert.Equal(406, reply.Status);
        Assert.Equal("Request not acceptable. The minimal required API version should be 1.16", reply.Fault);
    }

    [Fact]
    public async Task Portgroups_DoNotExistBefore123()
    {
        var reply = await server.GetAsync("/v1/portgroups", "1.22");

        Assert.Equal(404, reply.Status);
        Assert.Equal(200, (await server.GetAsync("/v1/portgroups", "1.23")).Status);
    }
}
