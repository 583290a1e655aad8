using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>Node create/show/set/unset/list/delete through <c>openstack baremetal node</c>.</summary>
[Collection(Collections.Nodes)]
public sealed class NodeTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private const string Masked = "******";

    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task Node_LifecycleByName_MasksPasswordAndAppliesSetUnsetRename()
    {
        var name = Unique.Name("acc-node");
        var renamed = Unique.Name("acc-renamed");
        var resourceClass = Unique.Name("rc-byname");

        var created = await cli.ObjectAsync("node", "create", "--driver", "fake-hardware", "--name", name,
            "--driver-info", "ipmi_password=secret", "--driver-info", "ipmi_address=1.2.3.4", "--property", "cpus=4",
            "--resource-class", resourceClass);
        var uuid = (string)created["uuid"]!;
        Assert.True(Guid.TryParse(uuid, out _), uuid);
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal("fake-hardware", (string?)created["driver"]);
        Assert.Equal("enroll", (string?)created["provision_state"]);
        Assert.Equal(resourceClass, (string?)created["resource_class"]);
        AssertDriverInfoMasked(created);
        Assert.DoesNotContain("secret", created.ToJsonString(), StringComparison.Ordinal);

        var shown = await cli.ObjectAsync("node", "show", name);
        Assert.Equal(uuid, (string?)shown["uuid"]);
        Assert.Equal(name, (string?)shown["name"]);
        AssertDriverInfoMasked(shown);
        Assert.DoesNotContain("secret", shown.ToJsonString(), StringComparison.Ordinal);
        AssertJson("""{"cpus": 4}""", shown["properties"]);

        await cli.OkAsync("node", "set", name, "--name", renamed, "--property", "memory_mb=1024", "--extra", "a=b", "--description", "d");
        await cli.OkAsync("node", "unset", renamed, "--property", "cpus");

        var updated = await cli.ObjectAsync("node", "show", renamed);
        Assert.Equal(uuid, (string?)updated["uuid"]);
        Assert.Equal(renamed, (string?)updated["name"]);
        AssertJson("""{"memory_mb": 1024}""", updated["properties"]);
        AssertJson("""{"a": "b"}""", updated["extra"]);
        Assert.Equal("d", (string?)updated["description"]);
        AssertDriverInfoMasked(updated);
        Assert.NotNull(updated["updated_at"]);

        var row = Assert.Single(await cli.RowsAsync("node", "list", "--resource-class", resourceClass));
        Assert.Equal(uuid, (string?)row["UUID"]);
        Assert.Equal(renamed, (string?)row["Name"]);
        Assert.Equal("enroll", (string?)row["Provisioning State"]);
        Assert.False((bool)row["Maintenance"]!);

        var deleted = await cli.OkAsync("node", "delete", renamed);
        Assert.Contains($"Deleted node {renamed}", deleted.StdOut, StringComparison.Ordinal);

        var gone = await cli.FailAsync("node", "show", renamed);
        Assert.Contains($"Node {renamed} could not be found", gone.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_LifecycleByUuid_WithShowFieldsAndDetailedList()
    {
        var resourceClass = Unique.Name("rc-byuuid");

        var uuid = await cli.ValueAsync("uuid", "node", "create", "--driver", "fake-hardware", "--resource-class", resourceClass,
            "--driver-info", "redfish_password=pw", "--driver-info", "redfish_username=admin");
        Assert.True(Guid.TryParse(uuid, out _), uuid);

        await cli.OkAsync("node", "set", uuid, "--property", "cpus=8", "--extra", "k=v", "--extra", "drop=me");
        await cli.OkAsync("node", "unset", uuid, "--extra", "drop");

        var subset = await cli.ObjectAsync("node", "show", uuid, "--fields", "uuid", "name", "properties", "extra");
        Assert.Equal(new[] { "extra", "name", "properties", "uuid" }, subset.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(uuid, (string?)subset["uuid"]);
        Assert.Null(subset["name"]);
        AssertJson("""{"cpus": 8}""", subset["properties"]);
        AssertJson("""{"k": "v"}""", subset["extra"]);

        var detailed = Assert.Single(await cli.RowsAsync("node", "list", "--resource-class", resourceClass, "--long"));
        Assert.Equal(uuid, (string?)detailed["UUID"]);
        Assert.Equal("fake-hardware", (string?)detailed["Driver"]);
        Assert.Equal(resourceClass, (string?)detailed["Resource Class"]);
        Assert.Equal(IronicProcess.ConductorHost, (string?)detailed["Conductor"]);
        AssertJson("""{"redfish_password": "******", "redfish_username": "admin"}""", detailed["Driver Info"]);
        AssertJson("""{"cpus": 8}""", detailed["Properties"]);
        AssertJson("""{"k": "v"}""", detailed["Extra"]);

        await cli.OkAsync("node", "delete", uuid);
        var gone = await cli.FailAsync("node", "show", uuid);
        Assert.Contains($"Node {uuid} could not be found", gone.StdErr, StringComparison.Ordinal);
    }

    private static void AssertDriverInfoMasked(JsonObject node)
    {
        var info = node["driver_info"]!.AsObject();
        Assert.Equal(Masked, (string?)info["ipmi_password"]);
        Assert.Equal("1.2.3.4", (string?)info["ipmi_address"]);
    }

    internal static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"expected {JsonNode.Parse(expected)!.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
}
