using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>Ports and port groups through <c>openstack baremetal port</c> / <c>port group</c>.</summary>
[Collection(Collections.Ports)]
public sealed class PortTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task PortAndPortGroup_CreateListShowSetDelete()
    {
        var nodeName = Unique.Name("acc-ports");
        var pgName = Unique.Name("acc-pg");
        var pgRenamed = Unique.Name("acc-pg2");
        var pgMac = Unique.Mac();
        var portMac = Unique.Mac();
        var nodeUuid = await cli.ValueAsync("uuid", "node", "create", "--driver", "fake-hardware", "--name", nodeName);

        var pg = await cli.ObjectAsync("port", "group", "create", "--node", nodeUuid, "--name", pgName, "--address", pgMac,
            "--mode", "802.3ad", "--property", "miimon=100");
        var pgUuid = (string)pg["uuid"]!;
        Assert.True(Guid.TryParse(pgUuid, out _), pgUuid);
        Assert.Equal(nodeUuid, (string?)pg["node_uuid"]);
        Assert.Equal(pgName, (string?)pg["name"]);
        Assert.Equal(pgMac, (string?)pg["address"]);
        Assert.Equal("802.3ad", (string?)pg["mode"]);
        NodeTests.AssertJson("""{"miimon": 100}""", pg["properties"]);
        Assert.True((bool)pg["standalone_ports_supported"]!);

        // The MAC is given in upper case; the server stores and shows it lower-cased.
        var port = await cli.ObjectAsync("port", "create", "--node", nodeUuid, "--port-group", pgUuid, portMac.ToUpperInvariant());
        var portUuid = (string)port["uuid"]!;
        Assert.True(Guid.TryParse(portUuid, out _), portUuid);
        Assert.Equal(portMac, (string?)port["address"]);
        Assert.Equal(nodeUuid, (string?)port["node_uuid"]);
        Assert.Equal(pgUuid, (string?)port["portgroup_uuid"]);
        Assert.True((bool)port["pxe_enabled"]!);
        NodeTests.AssertJson("{}", port["extra"]);

        var badMac = await cli.FailAsync("port", "create", "--node", nodeUuid, "zz:54:00:aa:bb:01");
        Assert.Contains("Expected valid MAC address for address: zz:54:00:aa:bb:01", badMac.StdErr, StringComparison.Ordinal);
        Assert.Contains("HTTP 400", badMac.StdErr, StringComparison.Ordinal);

        var portRow = Assert.Single(await cli.RowsAsync("port", "list", "--node", nodeName));
        Assert.Equal(portUuid, (string?)portRow["UUID"]);
        Assert.Equal(portMac, (string?)portRow["Address"]);

        await cli.OkAsync("port", "set", portUuid, "--extra", "rack=r1", "--extra", "slot=7");
        var shownPort = await cli.ObjectAsync("port", "show", portUuid);
        Assert.Equal(portUuid, (string?)shownPort["uuid"]);
        Assert.Equal(portMac, (string?)shownPort["address"]);
        NodeTests.AssertJson("""{"rack": "r1", "slot": 7}""", shownPort["extra"]);

        var pgRow = Assert.Single(await cli.RowsAsync("port", "group", "list", "--node", nodeName));
        Assert.Equal(pgUuid, (string?)pgRow["UUID"]);
        Assert.Equal(pgName, (string?)pgRow["Name"]);
        Assert.Equal(pgMac, (string?)pgRow["Address"]);

        await cli.OkAsync("port", "group", "set", pgName, "--name", pgRenamed, "--extra", "k=v", "--mode", "balance-rr");
        var shownPg = await cli.ObjectAsync("port", "group", "show", pgRenamed);
        Assert.Equal(pgUuid, (string?)shownPg["uuid"]);
        Assert.Equal(pgRenamed, (string?)shownPg["name"]);
        Assert.Equal("balance-rr", (string?)shownPg["mode"]);
        NodeTests.AssertJson("""{"k": "v"}""", shownPg["extra"]);
        NodeTests.AssertJson("""{"miimon": 100}""", shownPg["properties"]);

        Assert.Contains($"Deleted port {portUuid}", (await cli.OkAsync("port", "delete", portUuid)).StdOut, StringComparison.Ordinal);
        Assert.Contains($"Deleted port group {pgRenamed}", (await cli.OkAsync("port", "group", "delete", pgRenamed)).StdOut, StringComparison.Ordinal);

        await cli.OkAsync("node", "delete", nodeUuid);
    }
}
