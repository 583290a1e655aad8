using System.Diagnostics;
using System.Text.Json;

namespace Ironic.Bench.Scenarios;

/// <summary>
/// Powers every node on, then off, through the API (202 Accepted), each client then polling its node
/// until power_state is the target and target_power_state is cleared. One operation is the whole
/// change, from the PUT to the poll that saw it done.
/// </summary>
internal static class PowerScenario
{
    public static async Task RunAsync(BenchContext bench, CancellationToken ct)
    {
        await ChangeAllAsync(bench, "power-on", "power on", ct).ConfigureAwait(false);
        await ChangeAllAsync(bench, "power-off", "power off", ct).ConfigureAwait(false);
    }

    private static Task ChangeAllAsync(BenchContext bench, string row, string target, CancellationToken ct) =>
        bench.RowAsync(row, bench.Nodes.Count, (recorder, token) =>
            Workers.ForEachAsync(bench.Nodes, bench.Options.Concurrency, (node, t) => recorder.TimeAsync(async () =>
            {
                var put = await bench.Client.SendAsync(HttpMethod.Put, $"/v1/nodes/{node.Uuid}/states/power",
                    $$"""{"target": "{{target}}"}""", recorder, t).ConfigureAwait(false);
                if (put.Status != 202)
                {
                    return put.Describe($"PUT /v1/nodes/{node.Uuid}/states/power {target}");
                }

                var deadline = Stopwatch.GetTimestamp() + (long)(bench.Options.WaitTimeoutSeconds * (double)Stopwatch.Frequency);
                for (var attempt = 0; ; attempt++)
                {
                    await Task.Delay(Backoff.Delay(attempt, bench.Options.PollMs), t).ConfigureAwait(false);
                    var get = await bench.Client.GetAsync($"/v1/nodes/{node.Uuid}?fields=power_state,target_power_state,last_error", recorder, t).ConfigureAwait(false);
                    if (get.Status != 200)
                    {
                        return get.Describe($"GET /v1/nodes/{node.Uuid}");
                    }

                    using var doc = get.Json();
                    var state = doc.RootElement.GetProperty("power_state").GetString();
                    var pending = doc.RootElement.GetProperty("target_power_state").ValueKind != JsonValueKind.Null;
                    if (!pending && state == target)
                    {
                        return null;
                    }

                    if (!pending && doc.RootElement.GetProperty("last_error").GetString() is { } error)
                    {
                        return $"{node.Name}: {target} failed: {error}";
                    }

                    if (Stopwatch.GetTimestamp() > deadline)
                    {
                        return $"{node.Name}: {target} not done after {bench.Options.WaitTimeoutSeconds} s (power_state {state})";
                    }
                }
            }, t), token), ct);
}
