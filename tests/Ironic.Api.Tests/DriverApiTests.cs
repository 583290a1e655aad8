using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class DriverApiTests(ApiServer server)
{
    [Fact]
    public async Task DriverList_ShowsEnabledHardwareTypesWithTheirHost()
    {
        var drivers = (await server.GetAsync("/v1/drivers")).Json["drivers"]!.AsArray();

        Assert.Equal(["fake-hardware", "manual-management"], drivers.Select(d => (string)d!["name"]!).ToList());
        Assert.All(drivers, d =>
        {
            Assert.Equal(ApiServer.Host, (string?)d!["hosts"]![0]);
            Assert.Equal("dynamic", (string?)d["type"]);
            Assert.False(d.AsObject().ContainsKey("default_power_interface"));
        });
    }

    [Fact]
    public async Task DriverDetail_ListsDefaultAndEnabledInterfaces()
    {
        var shown = (await server.GetAsync("/v1/drivers/manual-management")).Json;
        var listed = (await server.GetAsync("/v1/drivers?detail=true")).Json["drivers"]!.AsArray()
            .Single(d => (string?)d!["name"] == "manual-management")!;

        Assert.Equal("noop", (string?)shown["default_management_interface"]);
        Assert.Equal("fake", (string?)shown["default_power_interface"]);
        Assert.Equal("flat", (string?)shown["default_network_interface"]);
        Assert.Equal(["noop", "fake"], shown["enabled_management_interfaces"]!.AsArray().Select(n => (string)n!).ToList());
        Assert.Equal(shown.ToJsonString(), listed.ToJsonString());
        Assert.Equal($"{server.BaseUrl}/v1/drivers/manual-management/properties", (string?)shown["properties"]![0]!["href"]);
    }

    [Fact]
    public async Task DriverFields_AreHiddenBelowTheirMicroversion()
    {
        var at29 = (await server.GetAsync("/v1/drivers/fake-hardware", "1.29")).Json;
        var at32 = (await server.GetAsync("/v1/drivers/fake-hardware", "1.32")).Json;

        Assert.False(at29.ContainsKey("type"));
        Assert.True(at32.ContainsKey("default_boot_interface"));
        Assert.False(at32.ContainsKey("default_storage_interface"));
        Assert.False(at32.ContainsKey("default_bios_interface"));
    }

    [Theory]
    [InlineData("/v1/drivers/nosuch", 404, "Could not find the following driver(s) or hardware type(s): nosuch.")]
    [InlineData("/v1/drivers/nosuch/properties", 404, "Could not find the following driver(s) or hardware type(s): nosuch.")]
    [InlineData("/v1/drivers?type=bogus", 400, "\"type\" filter must be one of \"classic\" or \"dynamic\", if specified.")]
    [InlineData("/v1/drivers?bogus=1", 400, "Unexpected arguments: bogus")]
    public async Task DriverErrors(string path, int status, string message)
    {
        var reply = await server.GetAsync(path);

        Assert.Equal(status, reply.Status);
        Assert.Equal(message, reply.Fault);
    }

    [Fact]
    public async Task ClassicDrivers_AreNone()
    {
        Assert.Equal("[]", (await server.GetAsync("/v1/drivers?type=classic")).Json["drivers"]!.ToJsonString());
    }

    [Fact]
    public async Task RaidLogicalDiskProperties_ComeFromTheDefaultRaidInterface()
    {
        var reply = await server.GetAsync("/v1/drivers/fake-hardware/raid/logical_disk_properties");

        Assert.Equal(200, reply.Status);
        Assert.Contains("raid_level", reply.Json.Select(kv => kv.Key));
    }

    [Fact]
    public async Task NodeCreate_FillsEveryInterfaceFromTheHardwareTypeDefaults()
    {
        var node = await server.CreateNodeAsync();

        Assert.Equal("fake", (string?)node["power_interface"]);
        Assert.Equal("flat", (string?)node["network_interface"]);
        var manual = (await server.PostAsync("/v1/nodes", "{\"driver\": \"manual-management\"}")).Json;
        Assert.Equal("noop", (string?)manual["management_interface"]);
        Assert.Equal("no-vendor", (string?)manual["vendor_interface"]);
    }

    [Theory]
    [InlineData("{\"driver\": \"fake-hardware\", \"power_interface\": \"nosuch\"}",
        "Could not find the following interface in the 'ironic.hardware.interfaces.power' entrypoint: nosuch. Valid interfaces are [")]
    [InlineData("{\"driver\": \"manual-management\", \"vendor_interface\": \"fake\"}",
        "vendor interface implementation 'fake' is not supported by hardware type ManualManagementHardware.")]
    public async Task InvalidInterfaceChoices_Are400(string body, string message)
    {
        var reply = await server.PostAsync("/v1/nodes", body);

        // The valid names are every enabled implementation, which depends on the plugins built in.
        Assert.Equal(400, reply.Status);
        Assert.StartsWith(message, reply.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FakeHardware_AcceptsAnyEnabledInterface()
    {
        var reply = await server.PostAsync("/v1/nodes", "{\"driver\": \"fake-hardware\", \"management_interface\": \"noop\", \"vendor_interface\": \"no-vendor\"}");

        Assert.Equal(201, reply.Status);
        Assert.Equal("noop", (string?)reply.Json["management_interface"]);
    }

    [Fact]
    public async Task ChangingDriverWithResetInterfaces_ReturnsInterfacesToTheNewDefaults()
    {
        var node = await server.CreateNodeAsync(extraJson: ", \"management_interface\": \"fake\"");
        var uuid = (string)node["uuid"]!;

        var without = await server.PatchAsync($"/v1/nodes/{uuid}", """[{"op": "replace", "path": "/driver", "value": "manual-management"}]""");
        var with = await server.PatchAsync($"/v1/nodes/{uuid}?reset_interfaces=true", """[{"op": "replace", "path": "/driver", "value": "manual-management"}]""");

        // manual-management supports the fake management interface, but not the fake bios (or vendor) one.
        Assert.Equal(400, without.Status);
        Assert.Equal("bios interface implementation 'fake' is not supported by hardware type ManualManagementHardware.", without.Fault);
        Assert.Equal(200, with.Status);
        Assert.Equal("noop", (string?)with.Json["management_interface"]);
        Assert.Equal("no-vendor", (string?)with.Json["vendor_interface"]);
    }

    [Fact]
    public async Task ResetInterfacesWithoutDriverChange_Is400()
    {
        var node = await server.CreateNodeAsync();

        var reply = await server.PatchAsync($"/v1/nodes/{node["uuid"]}?reset_interfaces=true", """[{"op": "add", "path": "/extra/a", "value": 1}]""");

        Assert.Equal(400, reply.Status);
        Assert.Equal("The reset_interfaces parameter can only be used when changing the node's driver.", reply.Fault);
    }

    [Fact]
    public async Task PatchingAnInterface_IsCheckedAgainstTheHardwareType()
    {
        var node = (await server.PostAsync("/v1/nodes", "{\"driver\": \"manual-management\"}")).Json;

        var ok = await server.PatchAsync($"/v1/nodes/{node["uuid"]}", """[{"op": "replace", "path": "/management_interface", "value": "fake"}]""");
        var bad = await server.PatchAsync($"/v1/nodes/{node["uuid"]}", """[{"op": "replace", "path": "/power_interface", "value": "nosuch"}]""");

        Assert.Equal("fake", (string?)ok.Json["management_interface"]);
        Assert.Equal(400, bad.Status);
        Assert.StartsWith("Could not find the following interface in the 'ironic.hardware.interfaces.power' entrypoint: nosuch.", bad.Fault);
    }

    [Fact]
    public async Task Validate_ReportsEveryInterface()
    {
        var node = (await server.PostAsync("/v1/nodes", "{\"driver\": \"manual-management\"}")).Json;

        var result = (await server.GetAsync($"/v1/nodes/{node["uuid"]}/validate")).Json;

        Assert.Equal(12, result.Count);
        Assert.True((bool)result["power"]!["result"]!);
        Assert.All(result, kv => Assert.NotNull(kv.Value!["result"]));
    }
}
