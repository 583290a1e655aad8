using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>The redfish-virtual-media boot interface as the real service loads it from the plugin directory.</summary>
public sealed class RedfishVirtualMediaApiTests : IAsyncLifetime
{
    // The direct deploy, which boots the agent, and ramdisk; nothing here contacts a BMC.
    private readonly IronicTestHost server = new(new Dictionary<string, string>
    {
        ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = "redfish",
        ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "ipxe,redfish-virtual-media",
        ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "direct,ramdisk",
        ["IRONIC_DEPLOY__HTTP_URL"] = "http://127.0.0.1:8080",
    });

    public Task InitializeAsync() => server.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ANodeWithVirtualMediaBoot_ValidatesOnlyWithTheAgentsKernelAndRamdisk()
    {
        var node = await server.CreateNodeAsync(new JsonObject
        {
            ["driver"] = "redfish",
            ["boot_interface"] = "redfish-virtual-media",
            ["deploy_interface"] = "direct",
            ["driver_info"] = new JsonObject { ["redfish_address"] = "http://127.0.0.1:9", ["redfish_password"] = "pw" },
        });
        var uuid = (string)node["uuid"]!;

        var boot = (await server.GetAsync($"/v1/nodes/{uuid}/validate")).Expect(200).Json["boot"]!;
        Assert.False((bool)boot["result"]!, boot.ToJsonString());
        Assert.Equal("Error validating Redfish virtual media. Some parameters were missing in node's driver_info. Missing are: ['deploy_kernel', 'deploy_ramdisk']",
            (string?)boot["reason"]);

        (await server.PatchAsync($"/v1/nodes/{uuid}", """
            [{"op": "add", "path": "/driver_info/deploy_kernel", "value": "/srv/ipa.kernel"},
             {"op": "add", "path": "/driver_info/deploy_ramdisk", "value": "http://10.0.0.1/ipa.initramfs"}]
            """)).Expect(200);
        boot = (await server.GetAsync($"/v1/nodes/{uuid}/validate")).Expect(200).Json["boot"]!;
        Assert.True((bool)boot["result"]!, boot.ToJsonString());

        // The ramdisk deploy boots its instance from the network, which this interface does not do.
        (await server.PatchAsync($"/v1/nodes/{uuid}", """[{"op": "replace", "path": "/deploy_interface", "value": "ramdisk"}]""")).Expect(200);
        boot = (await server.GetAsync($"/v1/nodes/{uuid}/validate")).Expect(200).Json["boot"]!;
        Assert.Contains("uses the ramdisk deploy, which needs the ipxe or pxe boot interface", (string?)boot["reason"], StringComparison.Ordinal);
    }
}
