using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

/// <summary>
/// <c>POST /v1/continue_inspection</c> and <c>GET /v1/nodes/{node}/inventory</c>: Ironic's schema errors, the same 404
/// for every node not waiting for inspection, the microversion gates, the token at 1.84, and the data processed by
/// the <c>agent</c> inspect interface (properties, ports per <c>add_ports = pxe</c>, the stored inventory).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ContinueInspectionTests(ApiServer server)
{
    private const long GiB = 1024L * 1024 * 1024;

    private static string NewMac() => $"52:54:01:{Random.Shared.Next(256):x2}:{Random.Shared.Next(256):x2}:{Random.Shared.Next(256):x2}";

    // A fake-hardware node with the agent inspect interface and a port, put in the given state.
    private async Task<(string Uuid, string Mac)> NodeAsync(string state = "inspect wait")
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        var mac = NewMac();
        Assert.Equal(201, (await server.PostAsync("/v1/ports", $$"""{"node_uuid": "{{uuid}}", "address": "{{mac}}"}""")).Status);
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.ProvisionState = state;
        node.TargetProvisionState = state == "inspect wait" ? "manageable" : null;
        node.InspectInterface = "agent";
        await server.Store.Nodes.UpdateAsync(node, ["provision_state", "target_provision_state", "inspect_interface"]);
        return (uuid, mac);
    }

    private static JsonObject Inventory(string mac, string? bootMac = null, string? otherMac = null, bool withCpu = true) => new()
    {
        ["inventory"] = new JsonObject
        {
            ["interfaces"] = new JsonArray(
                [.. new[] { mac, otherMac }.OfType<string>().Select((m, i) => (JsonNode)new JsonObject { ["name"] = $"eth{i}", ["mac_address"] = m.ToUpperInvariant(), ["ipv4_address"] = $"192.0.2.{i + 10}" })]),
            ["cpu"] = withCpu ? new JsonObject { ["count"] = 8, ["architecture"] = "x86_64", ["model_name"] = "test" } : null,
            ["memory"] = new JsonObject { ["physical_mb"] = 16384, ["total"] = 16384L * 1024 * 1024 },
            ["disks"] = new JsonArray(
                new JsonObject { ["name"] = "/dev/sdb", ["size"] = 2 * GiB },
                new JsonObject { ["name"] = "/dev/sda", ["size"] = 500 * GiB },
                new JsonObject { ["name"] = "/dev/sdc", ["size"] = 1000 * GiB }),
            ["boot"] = new JsonObject { ["current_boot_mode"] = "uefi", ["pxe_interface"] = bootMac ?? mac },
        },
        ["collector"] = "test",
    };

    [Theory]
    [InlineData("""{"foo": 1}""", "Schema error for data: 'inventory' is a required property")]
    [InlineData("""{"inventory": "x"}""", "Schema error for data: 'x' is not of type 'object'")]
    [InlineData("""{"inventory": {"cpu": {}}}""", "Schema error for data: 'interfaces' is a required property")]
    [InlineData("""{"inventory": {"interfaces": []}}""", "Schema error for data: [] should be non-empty")]
    [InlineData("""{"inventory": {"interfaces": [{"name": "eth0"}]}}""", "Schema error for data: 'mac_address' is a required property")]
    [InlineData("""{"inventory": {"interfaces": [{"mac_address": 12}]}}""", "Schema error for data: 12 is not of type 'string'")]
    [InlineData("""{"inventory": {"interfaces": [{"mac_address": "aa"}], "bmc_address": 1}}""", "Schema error for data: 1 is not of type 'string', 'null'")]
    [InlineData("""{"inventory": {"interfaces": [{"mac_address": "not-a-mac"}]}}""", "No lookup information provided")]
    public async Task InvalidData_Is400_WithIronicsMessage(string body, string fault)
    {
        var reply = await server.PostAsync("/v1/continue_inspection", body, "1.84");

        Assert.Equal((400, fault), (reply.Status, reply.Fault));
    }

    [Fact]
    public async Task ANodeNotInInspectWait_AnUnknownMac_OrAnUnknownUuid_IsTheSame404()
    {
        var (uuid, mac) = await NodeAsync("manageable");

        var notWaiting = await server.PostAsync("/v1/continue_inspection", Inventory(mac), "1.84");
        var unknown = await server.PostAsync("/v1/continue_inspection", Inventory(NewMac()), "1.84");
        var byUuid = await server.PostAsync($"/v1/continue_inspection?node_uuid={Guid.NewGuid()}", Inventory(NewMac()), "1.84");

        Assert.Equal((404, "Resource could not be found."), (notWaiting.Status, notWaiting.Fault));
        Assert.Equal((404, "Resource could not be found."), (unknown.Status, unknown.Fault));
        Assert.Equal((404, "Resource could not be found."), (byUuid.Status, byUuid.Fault));
        Assert.Equal("manageable", (await server.Store.Nodes.GetAsync("uuid", uuid))!.ProvisionState);
    }

    [Fact]
    public async Task BetweenTheFirstVersionAnd184_OrNodeUuidBefore184_Is404()
    {
        var (_, mac) = await NodeAsync();

        var between = await server.PostAsync("/v1/continue_inspection", Inventory(mac), "1.83");
        var uuidEarly = await server.PostAsync($"/v1/continue_inspection?node_uuid={Guid.NewGuid()}", Inventory(mac), "1.1");
        var inventoryEarly = await server.GetAsync($"/v1/nodes/{Guid.NewGuid()}/inventory", "1.80");

        Assert.Equal((404, "API version 1.84 or newer is required"), (between.Status, between.Fault));
        Assert.Equal(404, uuidEarly.Status);
        Assert.Equal(404, inventoryEarly.Status);
    }

    [Fact]
    public async Task At11_TheAnswerIsInspectorsUuidOnly()
    {
        var (uuid, mac) = await NodeAsync();

        var reply = await server.PostAsync("/v1/continue_inspection", Inventory(mac), "1.1");
        await server.WhenIdleAsync();

        Assert.Equal(202, reply.Status);
        Assert.Equal(new JsonObject { ["uuid"] = uuid }.ToJsonString(), reply.Json.ToJsonString());
        Assert.Equal("manageable", (await server.Store.Nodes.GetAsync("uuid", uuid))!.ProvisionState);
    }

    [Fact]
    public async Task At184_TheAnswerCarriesTheToken_AndTheDataSetsPropertiesPortsAndTheStoredInventory()
    {
        var (uuid, mac) = await NodeAsync();
        var boot = NewMac();
        var before = await server.GetAsync($"/v1/nodes/{uuid}/inventory", "1.81");

        var posted = Inventory(mac, bootMac: boot, otherMac: boot);
        var third = NewMac();
        posted["inventory"]!["interfaces"]!.AsArray().Add(new JsonObject { ["name"] = "eth9", ["mac_address"] = third, ["ipv4_address"] = "192.0.2.99" });
        var reply = await server.PostAsync("/v1/continue_inspection", posted, "1.84");
        await server.WhenIdleAsync();

        Assert.Equal((404, $"Node inventory record for node {uuid} could not be found."), (before.Status, before.Fault));
        Assert.Equal(202, reply.Status);
        Assert.Equal(uuid, (string?)reply.Json["node"]!["uuid"]);
        Assert.Equal(43, ((string)reply.Json["config"]!["agent_token"]!).Length);
        var node = await server.GetNodeAsync(uuid);
        Assert.Equal("manageable", (string?)node["provision_state"]);
        Assert.Null((string?)node["last_error"]);
        Assert.NotNull((string?)node["inspection_finished_at"]);
        Assert.Equal("power off", (string?)node["power_state"]);
        var properties = node["properties"]!.AsObject();
        Assert.Equal(("x86_64", 8, 16384, 499), ((string)properties["cpu_arch"]!, (int)properties["cpus"]!, (int)properties["memory_mb"]!, (int)properties["local_gb"]!));
        // add_ports = pxe: only the boot interface gets a port (not the third one); the one the node had stays.
        var ports = await server.GetAsync($"/v1/ports?node={uuid}&fields=address,pxe_enabled");
        Assert.Equal(new[] { boot, mac }.Order(), ports.Json["ports"]!.AsArray().Select(p => (string)p!["address"]!).Order());
        var stored = (await server.GetAsync($"/v1/nodes/{uuid}/inventory", "1.81")).Expect(200).Json;
        Assert.Equal(posted["inventory"]!.ToJsonString(), stored["inventory"]!.ToJsonString());
        Assert.Equal("test", (string?)stored["plugin_data"]!["collector"]);
        Assert.Equal("/dev/sda", (string?)stored["plugin_data"]!["root_disk"]!["name"]);
        Assert.Null(stored["plugin_data"]!["inventory"]);
    }

    [Fact]
    public async Task DataWithoutCpuArchitecture_FailsTheInspection_SayingWhy()
    {
        var (uuid, mac) = await NodeAsync();

        var reply = await server.PostAsync("/v1/continue_inspection", Inventory(mac, withCpu: false), "1.84");
        await server.WhenIdleAsync();

        Assert.Equal(202, reply.Status);
        var node = await server.GetNodeAsync(uuid);
        Assert.Equal("inspect failed", (string?)node["provision_state"]);
        Assert.StartsWith("Failed to finish inspection: Failed to inspect hardware. Reason: failed to run inspection hooks: Inventory for node", (string?)node["last_error"]);
        Assert.Contains("missing CPU architecture", (string?)node["last_error"], StringComparison.Ordinal);
        Assert.Equal(404, (await server.GetAsync($"/v1/nodes/{uuid}/inventory", "1.81")).Status);
    }

    [Fact]
    public async Task TheInventory_GoesWithItsNode()
    {
        var (uuid, mac) = await NodeAsync();
        Assert.Equal(202, (await server.PostAsync("/v1/continue_inspection", Inventory(mac), "1.84")).Status);
        await server.WhenIdleAsync();
        Assert.NotNull(await server.Store.Inventories.GetAsync(uuid));

        Assert.Equal(204, (await server.DeleteAsync($"/v1/nodes/{uuid}")).Status);

        Assert.Null(await server.Store.Inventories.GetAsync(uuid));
    }
}
