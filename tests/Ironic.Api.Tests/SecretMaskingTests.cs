using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Periodic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Api.Tests;

/// <summary>Secrets as the API shows them: masked in driver_info, scrubbed from errors a driver raised.</summary>
[Collection(ApiCollection.Name)]
public sealed class SecretMaskingTests(ApiServer server)
{
    [Fact]
    public async Task DriverErrors_NeverCarryTheBmcPassword()
    {
        var uuid = (string)(await server.CreateNodeAsync(
            extraJson: """, "driver_info": {"ipmi_password": "hunter22", "fake_power_read_error": "ipmitool -P hunter22 timed out"}"""))["uuid"]!;
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.ProvisionState = "manageable";
        node.PowerState = "power on";
        await server.Store.Nodes.UpdateAsync(node, ["provision_state", "power_state"]);
        // One failed read is enough to put the node into maintenance with the driver's error as the reason.
        var sync = new PowerSync(server.Store, server.Services.GetRequiredService<TaskManager>(),
            IronicOptions.Load([], new Dictionary<string, string> { ["IRONIC_CONDUCTOR__POWER_STATE_SYNC_MAX_RETRIES"] = "1" }),
            NullLogger<PowerSync>.Instance);

        await sync.RunOnceAsync(CancellationToken.None);

        var shown = await server.GetAsync($"/v1/nodes/{uuid}");
        Assert.True((bool)shown.Json["maintenance"]!);
        Assert.Contains("ipmitool -P ****** timed out", (string?)shown.Json["maintenance_reason"], StringComparison.Ordinal);
        Assert.Equal("******", (string?)shown.Json["driver_info"]!["ipmi_password"]);
        Assert.DoesNotContain("hunter22", (await server.Store.Nodes.GetAsync("uuid", uuid))!.MaintenanceReason!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsInsideLists_AreMasked()
    {
        var node = await server.CreateNodeAsync(extraJson: """, "driver_info": {"users": [{"name": "a", "password": "pw1"}]}""");

        Assert.Equal("""[{"name":"a","password":"******"}]""", node["driver_info"]!["users"]!.ToJsonString());
    }

    [Fact]
    public async Task TheImageUrl_TheIpmiKey_AndCredentialsInAnyUrl_AreMasked()
    {
        var node = await server.CreateNodeAsync(extraJson: """
            , "driver_info": {"ipmi_kg": "0123456789abcdef", "deploy_kernel": "http://bob:kernelpw@images.example/ipa.kernel"},
              "instance_info": {"image_source": "https://alice:s3cret@images.example/disk.img", "image_url": "https://swift.example/v1/AUTH/x?temp_url_sig=abc",
                                "kernel": "ftp://carol@files.example/k", "root_gb": 10}
            """);
        var shown = (await server.GetAsync($"/v1/nodes/{node["uuid"]}")).Json;

        Assert.Equal("******", (string?)shown["driver_info"]!["ipmi_kg"]);
        Assert.Equal("http://******@images.example/ipa.kernel", (string?)shown["driver_info"]!["deploy_kernel"]);
        Assert.Equal("https://******@images.example/disk.img", (string?)shown["instance_info"]!["image_source"]);
        Assert.Equal("******", (string?)shown["instance_info"]!["image_url"]);
        Assert.Equal("ftp://******@files.example/k", (string?)shown["instance_info"]!["kernel"]);
        Assert.Equal(10, (int)shown["instance_info"]!["root_gb"]!);
        // Masking is for showing only: a PATCH of the same object keeps what is stored.
        var patched = await server.SendAsync(HttpMethod.Patch, $"/v1/nodes/{node["uuid"]}", json: """[{"op": "add", "path": "/instance_info/root_gb", "value": 20}]""");
        Assert.Equal(200, patched.Status);
        var stored = (await server.Store.Nodes.GetAsync("uuid", (string)node["uuid"]!))!;
        Assert.Equal("https://alice:s3cret@images.example/disk.img", (string?)stored.InstanceInfo["image_source"]);
        Assert.Equal("https://swift.example/v1/AUTH/x?temp_url_sig=abc", (string?)stored.InstanceInfo["image_url"]);
        var text = shown.ToJsonString();
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("kernelpw", text, StringComparison.Ordinal);
        Assert.DoesNotContain("temp_url_sig", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fetching https://alice:s3cret@images.example/disk.img failed", "fetching https://******@images.example/disk.img failed")]
    [InlineData("no URL here: a@b", "no URL here: a@b")]
    [InlineData("mail user@example.com, see http://host/x@y", "mail user@example.com, see http://host/x@y")]
    public void ErrorTexts_LoseTheCredentialsOfTheirUrls(string text, string expected) =>
        Assert.Equal(expected, Ironic.Common.Validation.Secrets.Scrub(text));
}
