using Ironic.Bench.Http;

namespace Ironic.Bench.Scenarios;

/// <summary>
/// Reads the nodes back: full detail listings and listings with a fields subset (pages of 1000,
/// following <c>next</c>; one operation is one whole traversal), then one GET by name per node.
/// </summary>
internal static class ListScenario
{
    private const string Fields = "uuid,name,provision_state,power_state,maintenance";

    public static async Task RunAsync(BenchContext bench, CancellationToken ct)
    {
        await TraverseAsync(bench, "list-detail", $"/v1/nodes/detail?limit={BenchContext.PageSize}", ct).ConfigureAwait(false);
        await TraverseAsync(bench, "list-fields", $"/v1/nodes?fields={Fields}&limit={BenchContext.PageSize}", ct).ConfigureAwait(false);
        await bench.RowAsync("get-by-name", bench.Nodes.Count, (recorder, token) =>
            Workers.ForEachAsync(bench.Nodes, bench.Options.Concurrency, (node, t) => recorder.TimeAsync(async () =>
            {
                var response = await bench.Client.GetAsync($"/v1/nodes/{node.Name}", recorder, t).ConfigureAwait(false);
                return response.Status == 200 ? null : response.Describe($"GET /v1/nodes/{node.Name}");
            }, t), token), ct).ConfigureAwait(false);
    }

    /// <summary>Each of the C clients lists the whole collection in turn until <c>--list-repeat</c> traversals are done.</summary>
    public static Task TraverseAsync(BenchContext bench, string name, string firstPath, CancellationToken ct, string collection = "nodes", long? atLeast = null)
    {
        var expected = atLeast ?? bench.Nodes.Count;
        return bench.RowAsync(name, bench.Options.ListRepeat, (recorder, token) =>
            Workers.ForEachAsync(Enumerable.Range(0, bench.Options.ListRepeat), bench.Options.Concurrency, (_, t) => recorder.TimeAsync(async () =>
            {
                var (items, error) = await Pager.FollowNextAsync(bench.Client, firstPath, collection, recorder, t).ConfigureAwait(false);
                return error ?? (items < expected ? $"{firstPath}: listed {items} {collection}, expected at least {expected}" : null);
            }, t), token), ct, note: $"one operation = one full paged traversal of {expected}+ {collection}");
    }
}
