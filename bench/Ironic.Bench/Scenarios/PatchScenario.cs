using System.Text.Json.Nodes;

namespace Ironic.Bench.Scenarios;

/// <summary>One JSON Patch per node, changing driver_info and extra.</summary>
internal static class PatchScenario
{
    public static Task RunAsync(BenchContext bench, CancellationToken ct) =>
        bench.RowAsync("patch", bench.Nodes.Count, (recorder, token) =>
            Workers.ForEachAsync(bench.Nodes, bench.Options.Concurrency, (node, t) => recorder.TimeAsync(async () =>
            {
                var patch = new JsonArray(
                    new JsonObject { ["op"] = "replace", ["path"] = "/driver_info/ipmi_username", ["value"] = "operator" },
                    new JsonObject { ["op"] = "add", ["path"] = "/driver_info/ipmi_port", ["value"] = 623 + (node.Index % 10) },
                    new JsonObject { ["op"] = "add", ["path"] = "/extra/rack", ["value"] = $"r{node.Index / 40:D3}" },
                    new JsonObject { ["op"] = "add", ["path"] = "/extra/bench_run", ["value"] = bench.RunId });
                var response = await bench.Client.SendAsync(HttpMethod.Patch, $"/v1/nodes/{node.Uuid}", patch.ToJsonString(), recorder, t).ConfigureAwait(false);
                return response.Status == 200 ? null : response.Describe($"PATCH /v1/nodes/{node.Uuid}");
            }, t), token), ct);
}
