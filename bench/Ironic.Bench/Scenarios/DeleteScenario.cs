namespace Ironic.Bench.Scenarios;

/// <summary>Deletes the nodes this run created (their ports go with them), leaving the database as it was.</summary>
internal static class DeleteScenario
{
    public static Task RunAsync(BenchContext bench, CancellationToken ct) =>
        bench.RowAsync("delete", bench.Nodes.Count, (recorder, token) =>
            Workers.ForEachAsync(bench.Nodes, bench.Options.Concurrency, (node, t) => recorder.TimeAsync(async () =>
            {
                var response = await bench.Client.SendAsync(HttpMethod.Delete, $"/v1/nodes/{node.Uuid}", null, recorder, t).ConfigureAwait(false);
                return response.Status == 204 ? null : response.Describe($"DELETE /v1/nodes/{node.Name}");
            }, t), token), ct);
}
