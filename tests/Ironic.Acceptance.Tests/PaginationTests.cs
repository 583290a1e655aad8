using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Node list paging through the CLI. The server runs with <c>[api]max_limit</c> =
/// <see cref="IronicProcess.MaxLimit"/>, so four nodes need two pages.
/// </summary>
[Collection(Collections.Pagination)]
public sealed class PaginationTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task NodeList_HonoursLimit_CapsAtMaxLimit_AndFollowsNextLinks()
    {
        var resourceClass = Unique.Name("rc-paging");
        var names = new List<string>();
        var uuids = new List<string>();
        for (var i = 0; i < IronicProcess.MaxLimit + 1; i++)
        {
            names.Add(Unique.Name($"acc-page{i}"));
            uuids.Add(await cli.ValueAsync("uuid", "node", "create", "--driver", "fake-hardware", "--name", names[i], "--resource-class", resourceClass));
        }

        // --limit 2: one request with limit=2; exactly two rows, the oldest first (default sort: id asc).
        var limited = await cli.RowsAsync("node", "list", "--resource-class", resourceClass, "--limit", "2");
        Assert.Equal(uuids[..2], limited.Select(r => (string?)r["UUID"]));
        Assert.Equal(names[..2], limited.Select(r => (string?)r["Name"]));

        // No --limit: ironicclient sends one request without limit and shows that page, which the
        // server caps at max_limit (ironicclient only follows `next` when --limit is given).
        var capped = await cli.RowsAsync("node", "list", "--resource-class", resourceClass);
        Assert.Equal(uuids[..IronicProcess.MaxLimit], capped.Select(r => (string?)r["UUID"]));

        // --limit 0: "no limit", the client follows `next` links until exhausted; the selected fields
        // must survive into the next page. (Reference Ironic drops the resource_class filter from
        // `next`, so later pages may hold other nodes: assert ours are all there, in order, once.)
        var all = await cli.RowsAsync("node", "list", "--resource-class", resourceClass, "--limit", "0", "--fields", "uuid", "name");
        Assert.All(all, row => Assert.Equal(new[] { "Name", "UUID" }, row.Select(p => p.Key).Order(StringComparer.Ordinal)));
        var listed = all.Select(r => (string)r["UUID"]!).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(uuids, listed.Where(uuids.Contains));
        Assert.Equal(names, all.Where(r => uuids.Contains((string)r["UUID"]!)).Select(r => (string?)r["Name"]));

        var deleted = await cli.OkAsync(["node", "delete", .. names]);
        Assert.All(names, name => Assert.Contains($"Deleted node {name}", deleted.StdOut, StringComparison.Ordinal));
    }
}
