using System.Text.Json.Nodes;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Network boot and the ramdisk deploy through the real API and conductor.</summary>
public sealed class EndToEndTests(IronicServer server) : IClassFixture<IronicServer>
{
    [Fact]
    public async Task RamdiskDeployWithPxe_ActivatesWithBootFilesThenUndeployRemovesThem()
    {
        var node = await server.CreateNodeAsync(new JsonObject
        {
            ["driver"] = "fake-hardware",
            ["name"] = "pxe-e2e",
            ["boot_interface"] = "pxe",
            ["deploy_interface"] = "ramdisk",
            // The fake BMC boots UEFI; asking for BIOS has the boot interface switch it and write PXELINUX.
            ["properties"] = new JsonObject { ["capabilities"] = "boot_mode:bios" },
            ["driver_info"] = new JsonObject
            {
                ["deploy_kernel"] = "http://images.example/ipa.kernel",
                ["deploy_ramdisk"] = "http://images.example/ipa.initramfs",
            },
            ["instance_info"] = new JsonObject
            {
                ["kernel"] = "http://images.example/vmlinuz",
                ["ramdisk"] = "http://images.example/initrd.img",
            },
        });
        var uuid = (string)node["uuid"]!;
        (await server.PostAsync("/v1/ports", new JsonObject { ["node_uuid"] = uuid, ["address"] = "52:54:00:12:34:56" })).Expect(201);
        var validation = (await server.GetAsync($"/v1/nodes/{uuid}/validate")).Expect(200).Json;
        Assert.True((bool)validation["boot"]!["result"]!, validation.ToJsonString());
        Assert.True((bool)validation["deploy"]!["result"]!, validation.ToJsonString());

        Assert.Equal("manageable", (string?)(await server.SetProvisionStateAsync(uuid, "manage"))["provision_state"]);
        Assert.Equal("available", (string?)(await server.SetProvisionStateAsync(uuid, "provide"))["provision_state"]);
        var deployed = await server.SetProvisionStateAsync(uuid, "active");

        Assert.True((string?)deployed["provision_state"] == "active", deployed.ToJsonString());
        Assert.Equal("power on", (string?)deployed["power_state"]);
        Assert.Equal("bios", (string?)deployed["boot_mode"]);
        var config = await File.ReadAllTextAsync(Path.Combine(server.TftpRoot, uuid, "config"));
        Assert.StartsWith("default boot_ramdisk\n", config, StringComparison.Ordinal);
        Assert.Contains("kernel http://images.example/vmlinuz\n", config, StringComparison.Ordinal);
        var macLink = Path.Combine(server.TftpRoot, "pxelinux.cfg", "01-52-54-00-12-34-56");
        Assert.Equal(config, await File.ReadAllTextAsync(macLink));
        var bootDevice = (await server.GetAsync($"/v1/nodes/{uuid}/management/boot_device")).Expect(200).Json;
        Assert.Equal("pxe", (string?)bootDevice["boot_device"]);
        Assert.Equal(true, (bool?)bootDevice["persistent"]);

        var undeployed = await server.SetProvisionStateAsync(uuid, "deleted");

        Assert.True((string?)undeployed["provision_state"] == "available", undeployed.ToJsonString());
        Assert.Equal("power off", (string?)undeployed["power_state"]);
        Assert.False(Directory.Exists(Path.Combine(server.TftpRoot, uuid)));
        Assert.False(File.Exists(macLink) || new FileInfo(macLink).LinkTarget is not null);
    }

    [Fact]
    public async Task RamdiskDeployWithIpxeAndBootIso_SanbootsItFromTheHttpRootThenUndeployRemovesIt()
    {
        var node = await server.CreateNodeAsync(new JsonObject
        {
            ["driver"] = "fake-hardware",
            ["name"] = "ipxe-e2e",
            ["boot_interface"] = "ipxe",
            ["deploy_interface"] = "ramdisk",
            ["automated_clean"] = false,
            ["instance_info"] = new JsonObject { ["boot_iso"] = "http://images.example/live.iso" },
        });
        var uuid = (string)node["uuid"]!;
        (await server.PostAsync("/v1/ports", new JsonObject { ["node_uuid"] = uuid, ["address"] = "52:54:00:12:34:57" })).Expect(201);

        await server.SetProvisionStateAsync(uuid, "manage");
        await server.SetProvisionStateAsync(uuid, "provide");
        var deployed = await server.SetProvisionStateAsync(uuid, "active");

        Assert.True((string?)deployed["provision_state"] == "active", deployed.ToJsonString());
        var script = await File.ReadAllTextAsync(Path.Combine(server.HttpRoot, "pxelinux.cfg", "52-54-00-12-34-57"));
        Assert.Contains("\ngoto boot_ramdisk\n", script, StringComparison.Ordinal);
        Assert.Contains("\nsanboot http://images.example/live.iso\n", script, StringComparison.Ordinal);

        var undeployed = await server.SetProvisionStateAsync(uuid, "deleted");

        Assert.True((string?)undeployed["provision_state"] == "available", undeployed.ToJsonString());
        Assert.False(Directory.Exists(Path.Combine(server.HttpRoot, uuid)));
        Assert.True(File.Exists(Path.Combine(server.HttpRoot, "boot.ipxe")));
    }

    [Fact]
    public async Task Validate_NodeWithoutPortsOrImages_ReportsIronicsMessages()
    {
        var node = await server.CreateNodeAsync(new JsonObject
        {
            ["driver"] = "fake-hardware",
            ["boot_interface"] = "pxe",
            ["deploy_interface"] = "ramdisk",
        });
        var uuid = (string)node["uuid"]!;

        var validation = (await server.GetAsync($"/v1/nodes/{uuid}/validate")).Expect(200).Json;

        Assert.False((bool)validation["boot"]!["result"]!);
        Assert.Equal($"Node {uuid} does not have any port associated with it", (string?)validation["boot"]!["reason"]);
        Assert.False((bool)validation["deploy"]!["result"]!);
    }

    [Fact]
    public async Task DriverProperties_IncludeTheBootInterfacesDriverInfoKeys()
    {
        var properties = (await server.GetAsync("/v1/drivers/fake-hardware/properties")).Expect(200).Json;

        Assert.EndsWith("Required.", (string?)properties["deploy_kernel"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_WritesTheSharedIpxeBootScript()
    {
        (await server.GetAsync("/v1/drivers")).Expect(200);

        Assert.True(File.Exists(Path.Combine(server.HttpRoot, "boot.ipxe")));
    }
}
