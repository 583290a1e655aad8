using System.Globalization;
using System.Text.Json.Nodes;

namespace Ironic.Bench.Scenarios;

/// <summary>One port per node (a unique MAC each), then full detail listings of the ports.</summary>
internal static class PortsScenario
{
    public static async Task RunAsync(BenchContext bench, CancellationToken ct)
    {
        var created = 0L;
        await bench.RowAsync("port-create", bench.Nodes.Count, (recorder, token) =>
            Workers.ForEachAsync(bench.Nodes, bench.Options.Concurrency, (node, t) => recorder.TimeAsync(async () =>
            {
                var body = new JsonObject { ["node_uuid"] = node.Uuid, ["address"] = Mac(bench.RunId, node.Index) }.ToJsonString();
                var response = await bench.Client.SendAsync(HttpMethod.Post, "/v1/ports", body, recorder, t).ConfigureAwait(false);
                if (response.Status != 201)
                {
                    return response.Describe("POST /v1/ports");
                }

                Interlocked.Increment(ref created);
                return null;
            }, t), token), ct).ConfigureAwait(false);

        await ListScenario.TraverseAsync(bench, "port-list", $"/v1/ports/detail?limit={BenchContext.PageSize}", ct, "ports", created).ConfigureAwait(false);
    }

    /// <summary>A locally administered unicast MAC (02:...) from the run id and the node's index.</summary>
    private static string Mac(string runId, int index)
    {
        var run = int.Parse(runId, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"02:{run >> 8 & 0xff:x2}:{run & 0xff:x2}:{index >> 16 & 0xff:x2}:{index >> 8 & 0xff:x2}:{index & 0xff:x2}");
    }
}
