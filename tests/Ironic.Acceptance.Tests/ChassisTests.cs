using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>Chassis through <c>openstack baremetal chassis</c>, and nodes placed in one.</summary>
[Collection(Collections.Chassis)]
public sealed class ChassisTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task Chassis_CreateListShowSetDelete_WithANodeInside()
    {
        var description = Unique.Name("acc-rack");
        var created = await cli.ObjectAsync("chassis", "create", "--description", description, "--extra", "loc=dc1");
        var uuid = (string)created["uuid"]!;
        Assert.True(Guid.TryParse(uuid, out _), uuid);
        Assert.Equal(description, (string?)created["description"]);
        NodeTests.AssertJson("""{"loc": "dc1"}""", created["extra"]);

        await cli.OkAsync("chassis", "set", uuid, "--description", description + "-b", "--extra", "row=4");
        var shown = await cli.ObjectAsync("chassis", "show", uuid);
        Assert.Equal(uuid, (string?)shown["uuid"]);
        Assert.Equal(description + "-b", (string?)shown["description"]);
        NodeTests.AssertJson("""{"loc": "dc1", "row": 4}""", shown["extra"]);

        // --limit 0: the client follows `next` links, so every chassis is listed whatever max_limit is.
        var row = Assert.Single(await cli.RowsAsync("chassis", "list", "--limit", "0"), r => (string?)r["UUID"] == uuid);
        Assert.Equal(description + "-b", (string?)row["Description"]);

        var node = await cli.ObjectAsync("node", "create", "--driver", "fake-hardware", "--chassis-uuid", uuid);
        Assert.Equal(uuid, (string?)node["chassis_uuid"]);

        // A chassis holding nodes cannot be deleted (400, so no client retries).
        var refused = await cli.FailAsync("chassis", "delete", uuid);
        Assert.Contains($"chassis {uuid} contains nodes", refused.StdErr, StringComparison.Ordinal);

        await cli.OkAsync("node", "delete", (string)node["uuid"]!);
        Assert.Contains($"Deleted chassis {uuid}", (await cli.OkAsync("chassis", "delete", uuid)).StdOut, StringComparison.Ordinal);
        var gone = await cli.FailAsync("chassis", "show", uuid);
        Assert.Contains($"Chassis {uuid} could not be found", gone.StdErr, StringComparison.Ordinal);
    }
}
