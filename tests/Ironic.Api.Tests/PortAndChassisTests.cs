using System.Globalization;

namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PortAndChassisTests(ApiServer server)
{
    private static int macCounter;

    private static string NextMac() =>
        string.Create(CultureInfo.InvariantCulture, $"52:54:01:00:{Interlocked.Increment(ref macCounter) / 256:x2}:{macCounter % 256:x2}");

    [Fact]
    public async Task Port_CreateShowListPatchDelete()
    {
        var node = await server.CreateNodeAsync(ApiServer.UniqueName("pnode"));
        var mac = NextMac().ToUpperInvariant();

        var created = await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"{mac}\", \"extra\": {{\"slot\": 1}}}}");
        Assert.Equal(201, created.Status);
        var uuid = (string)created.Json["uuid"]!;
        Assert.Equal($"{server.BaseUrl}/v1/ports/{uuid}", created.Header("Location"));
        Assert.Equal(mac.ToLowerInvariant(), (string?)created.Json["address"]);
        Assert.True((bool)created.Json["pxe_enabled"]!);

        var byNodeName = (await server.GetAsync($"/v1/ports?node={node["name"]}")).Json["ports"]!.AsArray();
        var subresource = (await server.GetAsync($"/v1/nodes/{node["uuid"]}/ports")).Json["ports"]!.AsArray();
        Assert.Equal(uuid, (string?)Assert.Single(byNodeName)!["uuid"]);
        Assert.Equal(uuid, (string?)Assert.Single(subresource)!["uuid"]);
        Assert.Equal(["uuid", "address", "links"], byNodeName[0]!.AsObject().Select(kv => kv.Key).ToList());

        var patched = await server.PatchAsync($"/v1/ports/{uuid}", """[{"op": "add", "path": "/extra/rack", "value": "r1"}, {"op": "replace", "path": "/pxe_enabled", "value": false}]""");
        Assert.Equal(200, patched.Status);
        Assert.Equal("r1", (string?)patched.Json["extra"]!["rack"]);
        Assert.False((bool)patched.Json["pxe_enabled"]!);

        Assert.Equal(204, (await server.DeleteAsync($"/v1/ports/{uuid}")).Status);
        var gone = await server.GetAsync($"/v1/ports/{uuid}");
        Assert.Equal(404, gone.Status);
        Assert.Equal($"Port {uuid} could not be found.", gone.Fault);
    }

    [Fact]
    public async Task PortFields_AreHiddenBelowTheirMicroversion()
    {
        var node = await server.CreateNodeAsync();
        var port = (await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"{NextMac()}\"}}")).Json;

        var at11 = (await server.GetAsync($"/v1/ports/{port["uuid"]}", "1.1")).Json;

        Assert.Equal(["uuid", "address", "node_uuid", "extra", "created_at", "updated_at", "links"], at11.Select(kv => kv.Key).ToList());
        Assert.Equal(406, (await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"{NextMac()}\", \"pxe_enabled\": true}}", "1.18")).Status);
    }

    [Fact]
    public async Task Portgroup_WithPorts_CannotBeDeletedUntilEmpty()
    {
        var node = await server.CreateNodeAsync();
        var name = ApiServer.UniqueName("pg");
        var pg = await server.PostAsync("/v1/portgroups", $"{{\"node_uuid\": \"{node["uuid"]}\", \"name\": \"{name}\", \"address\": \"{NextMac()}\", \"mode\": \"802.3ad\", \"properties\": {{\"miimon\": \"100\"}}}}");
        Assert.Equal(201, pg.Status);
        Assert.Equal("802.3ad", (string?)pg.Json["mode"]);
        var pgUuid = (string)pg.Json["uuid"]!;
        var port = await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{node["uuid"]}\", \"address\": \"{NextMac()}\", \"portgroup_uuid\": \"{pgUuid}\"}}");
        Assert.Equal(201, port.Status);

        Assert.Equal((string?)port.Json["uuid"], (string?)Assert.Single((await server.GetAsync($"/v1/portgroups/{name}/ports")).Json["ports"]!.AsArray())!["uuid"]);
        Assert.Equal(pgUuid, (string?)Assert.Single((await server.GetAsync($"/v1/nodes/{node["uuid"]}/portgroups")).Json["portgroups"]!.AsArray())!["uuid"]);

        var refused = await server.DeleteAsync($"/v1/portgroups/{name}");
        Assert.Equal(400, refused.Status);
        Assert.Equal($"Cannot complete the requested action because portgroup {pgUuid} contains ports.", refused.Fault);

        Assert.Equal(204, (await server.DeleteAsync($"/v1/ports/{port.Json["uuid"]}")).Status);
        Assert.Equal(204, (await server.DeleteAsync($"/v1/portgroups/{name}")).Status);
    }

    [Fact]
    public async Task Portgroup_DefaultsAndModeRules()
    {
        var node = await server.CreateNodeAsync();
        var pg = await server.PostAsync("/v1/portgroups", $"{{\"node_uuid\": \"{node["uuid"]}\"}}");

        Assert.Equal("active-backup", (string?)pg.Json["mode"]);
        Assert.True((bool)pg.Json["standalone_ports_supported"]!);
        Assert.Equal(406, (await server.PostAsync("/v1/portgroups", $"{{\"node_uuid\": \"{node["uuid"]}\", \"mode\": \"802.3ad\"}}", "1.25")).Status);
        var removeMode = await server.PatchAsync($"/v1/portgroups/{pg.Json["uuid"]}", """[{"op": "remove", "path": "/mode"}]""");
        Assert.Equal(400, removeMode.Status);
        Assert.Equal("'mode' is a mandatory attribute and can not be removed", removeMode.Fault);
    }

    [Fact]
    public async Task PortInAnotherNodesPortgroup_Is400()
    {
        var a = await server.CreateNodeAsync();
        var b = await server.CreateNodeAsync();
        var pg = (await server.PostAsync("/v1/portgroups", $"{{\"node_uuid\": \"{a["uuid"]}\"}}")).Json;

        var reply = await server.PostAsync("/v1/ports", $"{{\"node_uuid\": \"{b["uuid"]}\", \"address\": \"{NextMac()}\", \"portgroup_uuid\": \"{pg["uuid"]}\"}}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Port can not be added to a portgroup belonging to a different node.", reply.Fault);
    }

    [Fact]
    public async Task Chassis_CrudAndNodesSubresource()
    {
        var chassis = await server.PostAsync("/v1/chassis", """{"description": "rack1", "extra": {"loc": "dc1"}}""");
        Assert.Equal(201, chassis.Status);
        var uuid = (string)chassis.Json["uuid"]!;
        Assert.Equal("self", (string?)chassis.Json["nodes"]![0]!["rel"]);

        var node = await server.CreateNodeAsync(extraJson: $", \"chassis_uuid\": \"{uuid}\"");
        Assert.Equal(uuid, (string?)node["chassis_uuid"]);
        Assert.Equal((string?)node["uuid"], (string?)Assert.Single((await server.GetAsync($"/v1/chassis/{uuid}/nodes")).Json["nodes"]!.AsArray())!["uuid"]);

        var patched = await server.PatchAsync($"/v1/chassis/{uuid}", """[{"op": "replace", "path": "/description", "value": "rack2"}]""");
        Assert.Equal("rack2", (string?)patched.Json["description"]);
        Assert.Contains(uuid, (await server.GetAsync("/v1/chassis")).Body, StringComparison.Ordinal);

        var refused = await server.DeleteAsync($"/v1/chassis/{uuid}");
        Assert.Equal(400, refused.Status);
        Assert.Equal($"Cannot complete the requested action because chassis {uuid} contains nodes.", refused.Fault);

        Assert.Equal(204, (await server.DeleteAsync($"/v1/nodes/{node["uuid"]}")).Status);
        Assert.Equal(204, (await server.DeleteAsync($"/v1/chassis/{uuid}")).Status);
        Assert.Equal(404, (await server.GetAsync($"/v1/chassis/{uuid}")).Status);
    }

    [Fact]
    public async Task InstanceInfoSecrets_AreMasked()
    {
        var node = await server.CreateNodeAsync(extraJson: """, "instance_info": {"image_source": "http://x/img", "configdrive": {"meta_data": {}}, "my_password": "p", "root_gb": 10}""");

        var info = node["instance_info"]!;
        Assert.Equal("http://x/img", (string?)info["image_source"]);
        Assert.Equal("******", (string?)info["configdrive"]);
        Assert.Equal("******", (string?)info["my_password"]);
        Assert.Equal(10, (int)info["root_gb"]!);
    }
}
