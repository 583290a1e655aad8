using System.Diagnostics;
using System.Text.Json;
using Ironic.Bench.Http;
using Ironic.Bench.Measuring;

namespace Ironic.Bench.Scenarios;

/// <summary>
/// Every node at once through manage → provide (automated cleaning) → deploy (target active) →
/// undeploy (target deleted, cleaning again) → available. Each phase sends all N requests (C at a
/// time) and ends when the last node has settled, seen by listing this run's nodes; the next phase
/// starts then. The lifecycle row's wall time runs from the first manage to the last node available.
/// </summary>
internal static class LifecycleScenario
{
    private const int MaxPollPauseMs = 2000;

    private static readonly Phase[] Phases =
    [
        new("lifecycle/manage", "manage", "manageable"),
        new("lifecycle/provide", "provide", "available"),
        new("lifecycle/deploy", "active", "active"),
        new("lifecycle/undeploy", "deleted", "available"),
    ];

    private static readonly HashSet<string> FailureStates =
        ["error", "clean failed", "deploy failed", "inspect failed", "adopt failed", "rescue failed", "unrescue failed", "service failed"];

    public static async Task RunAsync(BenchContext bench, CancellationToken ct)
    {
        var nodes = bench.Nodes;
        var totalMs = new double[nodes.Count];
        var failures = new string?[nodes.Count];
        var total = new ScenarioRecorder("lifecycle", nodes.Count, bench.Server);
        var row = bench.Results.Count;
        total.Start();
        foreach (var phase in Phases)
        {
            var live = nodes.Select((node, position) => (node, position)).Where(p => failures[p.position] is null).ToList();
            await bench.RowAsync(phase.Row, live.Count,
                (recorder, token) => RunPhaseAsync(bench, phase, live, recorder, totalMs, failures, token), ct,
                note: $"target {phase.Verb}, settled in {phase.Settled}").ConfigureAwait(false);
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                total.Failure(failure);
            }
            else
            {
                total.Success(TimeSpan.FromMilliseconds(totalMs[i]));
            }
        }

        var phases = bench.Results.Skip(row).ToList();
        var result = await total.FinishAsync("N nodes through all four phases; wall time to the last node available; latency = a node's four phase times summed").ConfigureAwait(false);
        bench.Insert(row, result with { Requests = phases.Sum(p => p.Requests), Retries = phases.Sum(p => p.Retries) });
    }

    private static async Task RunPhaseAsync(
        BenchContext bench, Phase phase, List<(NodeRef Node, int Position)> live, ScenarioRecorder recorder,
        double[] totalMs, string?[] failures, CancellationToken ct)
    {
        var gate = new Lock();
        var byUuid = live.ToDictionary(p => p.Node.Uuid, p => p.Position);
        var acceptedAt = new long[totalMs.Length];
        var settled = new bool[totalMs.Length];
        var remaining = live.Count;

        void Fail(int position, string message)
        {
            lock (gate)
            {
                if (settled[position])
                {
                    return;
                }

                settled[position] = true;
                failures[position] = message;
                remaining--;
            }

            recorder.Failure(message);
        }

        var requests = Workers.ForEachAsync(live, bench.Options.Concurrency, async (p, t) =>
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                var response = await bench.Client.SendAsync(HttpMethod.Put, $"/v1/nodes/{p.Node.Uuid}/states/provision",
                    $$"""{"target": "{{phase.Verb}}"}""", recorder, t).ConfigureAwait(false);
                if (response.Status == 202)
                {
                    Volatile.Write(ref acceptedAt[p.Position], sent);
                }
                else
                {
                    Fail(p.Position, response.Describe($"PUT /v1/nodes/{p.Node.Name}/states/provision {phase.Verb}"));
                }
            }
            catch (Exception e) when (ScenarioRecorder.IsOperationFailure(e, t))
            {
                Fail(p.Position, $"PUT /v1/nodes/{p.Node.Name}/states/provision {phase.Verb}: {e.GetType().Name}: {e.Message}");
            }
        }, ct);

        var query = $"/v1/nodes?resource_class={bench.ResourceClass}&fields=uuid,provision_state,target_provision_state,last_error&limit={BenchContext.PageSize}";
        var deadline = Stopwatch.GetTimestamp() + (long)(bench.Options.WaitTimeoutSeconds * (double)Stopwatch.Frequency);
        var pollErrors = 0;
        while (Volatile.Read(ref remaining) > 0)
        {
            var pollStarted = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await Pager.ByMarkerAsync(bench.Client, query, "nodes", recorder, item => Observe(item), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (ScenarioRecorder.IsOperationFailure(e, ct))
            {
                error = $"GET {query}: {e.GetType().Name}: {e.Message}";
            }

            pollErrors = error is null ? 0 : pollErrors + 1;
            var timedOut = Stopwatch.GetTimestamp() > deadline;
            if (pollErrors >= 5 || timedOut)
            {
                var reason = timedOut ? $"not {phase.Settled} after {bench.Options.WaitTimeoutSeconds} s" : error!;
                foreach (var (node, position) in live)
                {
                    Fail(position, $"{node.Name}: {phase.Verb}: {reason}");
                }

                break;
            }

            if (Volatile.Read(ref remaining) == 0)
            {
                break;
            }

            // Polling costs the server too: pause four times as long as the last poll took, so that
            // listing takes at most a fifth of the server's time however slow it is.
            var pollMs = Stopwatch.GetElapsedTime(pollStarted).TotalMilliseconds;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(4 * pollMs, bench.Options.PollMs, MaxPollPauseMs)), ct).ConfigureAwait(false);
        }

        await requests.ConfigureAwait(false);

        void Observe(JsonElement item)
        {
            if (!byUuid.TryGetValue(item.GetProperty("uuid").GetString()!, out var position)
                || Volatile.Read(ref acceptedAt[position]) is var accepted && accepted == 0)
            {
                return;
            }

            var state = item.GetProperty("provision_state").GetString();
            var pending = item.GetProperty("target_provision_state").ValueKind != JsonValueKind.Null;
            var lastError = item.TryGetProperty("last_error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (state == phase.Settled && !pending)
            {
                var elapsed = Stopwatch.GetElapsedTime(accepted);
                lock (gate)
                {
                    if (settled[position])
                    {
                        return;
                    }

                    settled[position] = true;
                    totalMs[position] += elapsed.TotalMilliseconds;
                    remaining--;
                }

                recorder.Success(elapsed);
            }
            else if (FailureStates.Contains(state ?? string.Empty) || (!pending && lastError is not null))
            {
                Fail(position, $"{live.First(p => p.Position == position).Node.Name}: {phase.Verb} ended in '{state}': {lastError}");
            }
        }
    }

    private sealed record Phase(string Row, string Verb, string Settled);
}
