using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

/// <summary>
/// <c>configdrive</c> on deploy and rebuild: Ironic's checks and microversion gates, the JSON form built into an
/// image the agent can write (read back with xorriso), and the config drive never shown.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConfigDriveTests(ApiServer server)
{
    private const string TypesError = "Expected types <class 'NoneType'>, <class 'dict'>, <class 'str'> for configdrive: ";

    private async Task<string> AvailableNodeAsync(string? name = null)
    {
        var uuid = (string)(await server.CreateNodeAsync(name))["uuid"]!;
        (await ProvisionAsync(uuid, """{"target": "manage"}""")).Expect(202);
        (await ProvisionAsync(uuid, """{"target": "provide"}""")).Expect(202);
        return uuid;
    }

    private async Task<Reply> ProvisionAsync(string uuid, string body, string version = "latest")
    {
        var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", version, body);
        await server.WhenIdleAsync();
        return reply;
    }

    private async Task<JsonNode?> StoredConfigDriveAsync(string uuid) =>
        (await server.Store.Nodes.GetAsync("uuid", uuid))!.InstanceInfo["configdrive"];

    [Theory]
    [InlineData("""[1, 2]""", "latest", TypesError)]
    [InlineData("""42""", "latest", TypesError)]
    [InlineData("""true""", "latest", TypesError)]
    [InlineData("""{"meta_data": {}}""", "1.55", "Providing a JSON object for configdrive is only supported starting with API version 1.56")]
    [InlineData("""{"vendor_data": {"a": 1}}""", "1.58", "Providing vendor_data in configdrive is only supported starting with API version 1.59")]
    [InlineData("""{"meta_data": "x"}""", "latest", "Invalid configdrive format: ")]
    [InlineData("""{"network_data": []}""", "latest", "Invalid configdrive format: ")]
    [InlineData("""{"user_data": 5}""", "latest", "Invalid configdrive format: ")]
    [InlineData("""{"meta_data": {}, "files": {}}""", "latest", "Invalid configdrive format: ")]
    [InlineData("""{"meta_data": 1}""", "1.55", "Invalid configdrive format: ")] // the schema before the version, as Ironic
    [InlineData("\"not base64!\"", "latest", "Invalid configdrive format: it is neither a JSON, nor a URL, nor a base64 string")]
    public async Task Deploy_WithABadConfigDrive_Is400_AndTheNodeStaysAvailable(string configDrive, string version, string fault)
    {
        var uuid = await AvailableNodeAsync();

        var reply = await ProvisionAsync(uuid, $$"""{"target": "active", "configdrive": {{configDrive}}}""", version);

        Assert.Equal(400, reply.Status);
        Assert.StartsWith(fault, reply.Fault, StringComparison.Ordinal);
        var node = await server.Store.Nodes.GetAsync("uuid", uuid);
        Assert.Equal("available", node!.ProvisionState);
        Assert.False(node.InstanceInfo.ContainsKey("configdrive"));
    }

    [Theory]
    [InlineData("deploy", "latest", "Adding a config drive is only supported when setting provision state to active, rebuild")]
    [InlineData("rebuild", "1.34", "Adding a config drive is only supported when setting provision state to active")]
    [InlineData("manage", "latest", "Adding a config drive is only supported when setting provision state to active, rebuild")]
    public async Task ConfigDrive_OnlyWithActiveOrRebuild(string target, string version, string fault)
    {
        var uuid = await AvailableNodeAsync();

        var reply = await ProvisionAsync(uuid, $$"""{"target": "{{target}}", "configdrive": "H4sI"}""", version);

        Assert.Equal(400, reply.Status);
        Assert.Equal(fault, reply.Fault);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("{}")]
    [InlineData("null")]
    public async Task AnEmptyConfigDrive_IsIgnored_EvenWhereNoneIsAllowed(string configDrive)
    {
        var uuid = await AvailableNodeAsync();

        (await ProvisionAsync(uuid, $$"""{"target": "deploy", "configdrive": {{configDrive}}}""")).Expect(202);

        var node = await server.Store.Nodes.GetAsync("uuid", uuid);
        Assert.Equal("active", node!.ProvisionState);
        Assert.False(node.InstanceInfo.ContainsKey("configdrive"));
    }

    [Theory]
    [InlineData("http://images.example.com/cd.iso.gz")]
    [InlineData("H4sIAAAAAAAA/+3OMQ0AAAgDoL/Z1f\nAAAA==")]
    public async Task AStringConfigDrive_IsPassedOnUnchanged(string configDrive)
    {
        var uuid = await AvailableNodeAsync();

        (await ProvisionAsync(uuid, new JsonObject { ["target"] = "active", ["configdrive"] = configDrive }.ToJsonString(), "1.1")).Expect(202);

        Assert.Equal(configDrive, (string?)await StoredConfigDriveAsync(uuid));
        Assert.Equal("active", (string?)(await server.GetNodeAsync(uuid))["provision_state"]);
    }

    [Fact]
    public async Task AJsonConfigDrive_IsBuiltIntoAConfig2Image_AndNeverShown()
    {
        var name = IronicTestHost.UniqueName("cd");
        var uuid = await AvailableNodeAsync(name);

        (await ProvisionAsync(uuid, """
            {"target": "active", "configdrive": {"meta_data": {"hostname": "web-1"}, "user_data": ["a", 1],
             "network_data": {"links": []}, "vendor_data": {"v": true}}}
            """, "1.59")).Expect(202);

        var stored = (string?)await StoredConfigDriveAsync(uuid);
        Assert.NotNull(stored);
        var iso = await IsoImageReader.ReadConfigDriveAsync(stored);
        Assert.Equal("config-2", iso.Label);
        Assert.Equal($$"""{"hostname": "web-1", "uuid": "{{uuid}}", "name": "{{name}}"}""", iso.Text("openstack/latest/meta_data.json"));
        Assert.Equal("""["a", 1]""", iso.Text("openstack/latest/user_data"));
        Assert.Equal("""{"links": []}""", iso.Text("openstack/latest/network_data.json"));
        Assert.Equal("""{"v": true}""", iso.Text("openstack/latest/vendor_data2.json"));

        var node = await server.GetNodeAsync(uuid);
        Assert.Equal("active", (string?)node["provision_state"]);
        Assert.Equal("******", (string?)node["instance_info"]!["configdrive"]);
        var fields = (await server.GetAsync($"/v1/nodes/{uuid}?fields=instance_info")).Expect(200);
        Assert.Equal("******", (string?)fields.Json["instance_info"]!["configdrive"]);
        Assert.DoesNotContain(stored[..40], fields.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_ReplacesTheConfigDrive_OrKeepsItWhenNoneIsGiven()
    {
        var uuid = await AvailableNodeAsync();
        (await ProvisionAsync(uuid, """{"target": "active", "configdrive": {"meta_data": {"hostname": "first"}}}""")).Expect(202);

        (await ProvisionAsync(uuid, """{"target": "rebuild"}""")).Expect(202);
        var kept = (string?)await StoredConfigDriveAsync(uuid);
        Assert.Contains("\"first\"", (await IsoImageReader.ReadConfigDriveAsync(kept!)).Text("openstack/latest/meta_data.json"), StringComparison.Ordinal);

        (await ProvisionAsync(uuid, """{"target": "rebuild", "configdrive": {"meta_data": {"hostname": "second"}}}""", "1.56")).Expect(202);
        var replaced = (string?)await StoredConfigDriveAsync(uuid);
        Assert.Contains("\"second\"", (await IsoImageReader.ReadConfigDriveAsync(replaced!)).Text("openstack/latest/meta_data.json"), StringComparison.Ordinal);
        Assert.Equal("active", (string?)(await server.GetNodeAsync(uuid))["provision_state"]);
    }

    [Fact]
    public async Task AConfigDriveImage_LargerThanOtherBodies_IsAccepted()
    {
        var uuid = await AvailableNodeAsync();
        var image = new string('A', 2 * 1024 * 1024); // past the 1 MiB every other endpoint takes (BadInputTests.HugeBody_Is413)

        (await ProvisionAsync(uuid, new JsonObject { ["target"] = "active", ["configdrive"] = image }.ToJsonString())).Expect(202);

        Assert.Equal(image, (string?)await StoredConfigDriveAsync(uuid));
    }
}
