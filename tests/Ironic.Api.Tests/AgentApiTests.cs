using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

/// <summary>The deploy agent's endpoints: lookup (the token is handed out once) and heartbeat (the token is checked).</summary>
[Collection(ApiCollection.Name)]
public sealed class AgentApiTests(ApiServer server)
{
    // A self-signed certificate, as IPA's auto-TLS sends with its heartbeats.
    private static readonly string AgentCa = MakeCa();

    private async Task<(string Uuid, string Mac)> WaitingNodeAsync(string state = "wait call-back")
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        var mac = $"52:54:00:{Random.Shared.Next(256):x2}:{Random.Shared.Next(256):x2}:{Random.Shared.Next(256):x2}";
        Assert.Equal(201, (await server.PostAsync("/v1/ports", $$"""{"node_uuid": "{{uuid}}", "address": "{{mac}}"}""")).Status);
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.ProvisionState = state;
        await server.Store.Nodes.UpdateAsync(node, ["provision_state"]);
        return (uuid, mac);
    }

    [Fact]
    public async Task Lookup_ByMac_IssuesTheTokenOnce_AndNeverShowsItElsewhere()
    {
        var (uuid, mac) = await WaitingNodeAsync();

        var first = await server.GetAsync($"/v1/lookup?addresses=00:00:00:00:00:01,{mac.ToUpperInvariant()}", "1.62");
        var second = await server.GetAsync($"/v1/lookup?node_uuid={uuid}", "1.62");
        var shown = await server.GetAsync($"/v1/nodes/{uuid}");

        Assert.Equal(200, first.Status);
        var token = (string)first.Json["config"]!["agent_token"]!;
        Assert.Equal(43, token.Length);
        Assert.Equal(uuid, (string?)first.Json["node"]!["uuid"]);
        Assert.Equal("******", (string?)first.Json["node"]!["driver_internal_info"]!["agent_secret_token"]);
        Assert.Equal(["driver_internal_info", "instance_info", "links", "properties", "uuid"], first.Json["node"]!.AsObject().Select(p => p.Key).Order());
        Assert.True((bool)first.Json["config"]!["agent_token_required"]!);
        Assert.Equal(300, (int)first.Json["config"]!["heartbeat_timeout"]!);
        Assert.Equal("******", (string?)second.Json["config"]!["agent_token"]);
        Assert.DoesNotContain(token, second.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(token, shown.Body, StringComparison.Ordinal);
        Assert.Equal(token, (await server.Store.Nodes.GetAsync("uuid", uuid))!.DriverInternalInfo["agent_secret_token"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("manageable", "1.62")]
    [InlineData("active", "1.62")]
    [InlineData("wait call-back", "1.21")]
    public async Task Lookup_OfANodeNotExpectingAnAgent_OrBelow122_Is404(string state, string version)
    {
        var (uuid, mac) = await WaitingNodeAsync(state);

        var byMac = await server.GetAsync($"/v1/lookup?addresses={mac}", version);
        var byUuid = await server.GetAsync($"/v1/lookup?node_uuid={uuid}", version);

        Assert.Equal(404, byMac.Status);
        Assert.Equal(404, byUuid.Status);
        Assert.Null((await server.Store.Nodes.GetAsync("uuid", uuid))!.DriverInternalInfo["agent_secret_token"]);
    }

    [Fact]
    public async Task Lookup_WithNeitherAddressNorUuid_Is400()
    {
        var reply = await server.GetAsync("/v1/lookup?addresses=not-a-mac", "1.62");

        Assert.Equal(400, reply.Status);
        Assert.Equal("At least one of 'addresses' and 'node_uuid' parameters is required", reply.Fault);
    }

    [Fact]
    public async Task Heartbeat_WithTheToken_Is202_AndRecordsTheAgent_WhileAWrongOrMissingTokenOrPlainHttpIs400()
    {
        var (uuid, mac) = await WaitingNodeAsync();
        var token = (string)(await server.GetAsync($"/v1/lookup?addresses={mac}", "1.62")).Json["config"]!["agent_token"]!;

        var wrong = await Heartbeat(uuid, "https://127.0.0.1:9999", "not-the-token");
        var missing = await server.PostAsync($"/v1/heartbeat/{uuid}", """{"callback_url": "https://127.0.0.1:9999", "agent_version": "13.0.0"}""", "1.68");
        var plain = await Heartbeat(uuid, "http://127.0.0.1:9999", token);
        var good = await Heartbeat(uuid, "https://127.0.0.1:9999", token, AgentCa);
        await server.WhenIdleAsync();

        Assert.Equal((400, "Invalid or missing agent token received."), (wrong.Status, wrong.Fault));
        Assert.Equal((400, "Agent token is required for heartbeat processing."), (missing.Status, missing.Fault));
        Assert.Equal((400, "TLS is required by configuration"), (plain.Status, plain.Fault));
        Assert.Equal(202, good.Status);
        Assert.Equal("", good.Body);
        var info = (await server.Store.Nodes.GetAsync("uuid", uuid))!.DriverInternalInfo;
        Assert.Equal("https://127.0.0.1:9999", info["agent_url"]?.GetValue<string>());
        Assert.Equal("13.0.0", info["agent_version"]?.GetValue<string>());
        Assert.Equal(AgentCa, await File.ReadAllTextAsync(info["agent_verify_ca"]!.GetValue<string>()));
        Assert.NotNull(info["agent_last_heartbeat"]);
    }

    [Fact]
    public async Task Heartbeat_WithAnotherCallbackUrlThanRecorded_OrACaBelow168_Is400()
    {
        var (uuid, mac) = await WaitingNodeAsync();
        var token = (string)(await server.GetAsync($"/v1/lookup?addresses={mac}", "1.62")).Json["config"]!["agent_token"]!;
        Assert.Equal(202, (await Heartbeat(uuid, "https://127.0.0.1:9999", token)).Status);
        await server.WhenIdleAsync();

        var moved = await Heartbeat(uuid, "https://127.0.0.1:9998", token);
        var early = await server.PostAsync($"/v1/heartbeat/{uuid}",
            new JsonObject { ["callback_url"] = "https://127.0.0.1:9999", ["agent_token"] = token, ["agent_version"] = "13.0.0", ["agent_verify_ca"] = AgentCa }.ToJsonString(), "1.67");
        var notPem = await Heartbeat(uuid, "https://127.0.0.1:9999", token, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----");

        Assert.Equal((400, "Detected change in ramdisk provided \"callback_url\""), (moved.Status, moved.Fault));
        Assert.Equal((400, "Field \"agent_verify_ca\" not recognised in this version"), (early.Status, early.Fault));
        Assert.Equal(400, notPem.Status);
    }

    [Fact]
    public async Task TheTokenIsWiped_WhenTheOperationEnds()
    {
        var (uuid, mac) = await WaitingNodeAsync("clean wait");
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.CleanStep = new JsonObject { ["interface"] = "deploy", ["step"] = "erase_devices", ["abortable"] = true };
        await server.Store.Nodes.UpdateAsync(node, ["clean_step"]);
        Assert.Equal(200, (await server.GetAsync($"/v1/lookup?addresses={mac}", "1.62")).Status);

        Assert.Equal(202, (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", json: """{"target": "abort"}""")).Status);

        var after = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        Assert.Equal("clean failed", after.ProvisionState);
        Assert.Null(after.DriverInternalInfo["agent_secret_token"]);
    }

    private Task<Reply> Heartbeat(string uuid, string callbackUrl, string token, string? ca = null)
    {
        var body = new JsonObject { ["callback_url"] = callbackUrl, ["agent_token"] = token, ["agent_version"] = "13.0.0" };
        if (ca is not null)
        {
            body["agent_verify_ca"] = ca;
        }

        return server.PostAsync($"/v1/heartbeat/{uuid}", body.ToJsonString(), "1.68");
    }

    private static string MakeCa()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ipa", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return cert.ExportCertificatePem();
    }
}
