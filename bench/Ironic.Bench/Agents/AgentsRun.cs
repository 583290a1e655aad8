using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ironic.Bench.Http;
using Ironic.Bench.Measuring;
using Ironic.Bench.Scenarios;

namespace Ironic.Bench.Agents;

/// <summary>
/// <c>ironic-bench agents</c>: (1) N nodes deployed with the <c>direct</c> deploy, each driven by a simulated
/// agent (lookup, heartbeats, the agent's commands), timed from the first deploy request to the last node
/// <c>active</c>; (2) A agents heartbeating every interval on nodes that wait in <c>wait call-back</c> while
/// write_image runs (each heartbeat makes the conductor poll the agent), the server's CPU time read from
/// /proc/PID over a steady window.
/// </summary>
internal sealed class AgentsRun(AgentsOptions options, IronicClient client, AgentFleetServer fleet)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string runId = Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", Inv);
    private long heartbeats;
    private long heartbeatErrors;
    private string? firstError;

    public async Task<JsonObject> DeployAsync(CancellationToken ct)
    {
        var nodes = await EnrolAsync("deploy", options.DeployNodes, ct).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        var loops = await StartAgentsAsync(nodes, hold: false, stop.Token).ConfigureAwait(false);
        var (done, failed) = await WaitForAsync(nodes, "active", TimeSpan.FromSeconds(options.WaitTimeoutSeconds), ct).ConfigureAwait(false);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        Report($"deploy: {done}/{nodes.Count} nodes active ({failed} failed) in {seconds:0.0} s = {done / seconds:0.00} nodes/s; "
            + $"{Interlocked.Read(ref heartbeats)} heartbeats, {fleet.CommandsRun} agent commands, {fleet.Polls} polls, {fleet.Refused} refused");
        return new JsonObject
        {
            ["nodes"] = nodes.Count, ["active"] = done, ["failed"] = failed, ["seconds"] = Math.Round(seconds, 2),
            ["nodes_per_second"] = Math.Round(done / seconds, 3), ["heartbeat_errors"] = Interlocked.Read(ref heartbeatErrors), ["first_error"] = firstError,
        };
    }

    public async Task<JsonObject> HeartbeatLoadAsync(ServerProcess? server, CancellationToken ct)
    {
        var nodes = await EnrolAsync("heartbeat", options.Agents, ct).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = await StartAgentsAsync(nodes, hold: true, stop.Token).ConfigureAwait(false);
        await WaitForAsync(nodes, "wait call-back", TimeSpan.FromSeconds(options.WaitTimeoutSeconds), ct, requireStep: "write_image").ConfigureAwait(false);
        // One whole interval, so that every agent heartbeats in its steady rhythm before the window opens.
        await Task.Delay(TimeSpan.FromSeconds(options.IntervalSeconds), ct).ConfigureAwait(false);
        var (cpu0, beats0, polls0, errors0) = (server?.CpuSeconds(), Interlocked.Read(ref heartbeats), fleet.Polls, Interlocked.Read(ref heartbeatErrors));
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.WindowSeconds), ct).ConfigureAwait(false);
        var (cpu1, beats1, polls1, errors1) = (server?.CpuSeconds(), Interlocked.Read(ref heartbeats), fleet.Polls, Interlocked.Read(ref heartbeatErrors));
        var window = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        var beats = beats1 - beats0;
        var cpu = cpu1 - cpu0;
        Report($"heartbeat: {options.Agents} agents every {options.IntervalSeconds} s, {window:0.0} s window: {beats} heartbeats ({beats / window:0.0}/s), "
            + $"{polls1 - polls0} agent polls, {errors1 - errors0} errors"
            + (cpu is { } c ? $"; server CPU {c:0.00} s = {100 * c / window:0.00}% of one core, {1000 * c / Math.Max(1, beats):0.000} ms per heartbeat" : ""));
        return new JsonObject
        {
            ["agents"] = options.Agents, ["interval_s"] = options.IntervalSeconds, ["window_s"] = Math.Round(window, 2),
            ["heartbeats"] = beats, ["agent_polls"] = polls1 - polls0, ["errors"] = errors1 - errors0, ["first_error"] = firstError,
            ["server_cpu_s"] = cpu, ["core_percent"] = cpu is { } p ? Math.Round(100 * p / window, 3) : null,
            ["cpu_ms_per_heartbeat"] = cpu is { } q ? Math.Round(1000 * q / Math.Max(1, beats), 4) : null,
        };
    }

    // Enrols, manages and provides the nodes (direct deploy, fake boot, an image the agent never fetches), then asks for their deploy.
    private async Task<List<string>> EnrolAsync(string phase, int count, CancellationToken ct)
    {
        var uuids = new string?[count];
        await Workers.ForEachAsync(Enumerable.Range(0, count), options.Concurrency, async (i, t) =>
        {
            var body = new JsonObject
            {
                ["name"] = $"agents-{runId}-{phase}-{i:D5}",
                ["driver"] = "fake-hardware",
                ["deploy_interface"] = "direct",
                ["boot_interface"] = "fake",
                ["resource_class"] = $"agents-{runId}-{phase}",
                ["instance_info"] = new JsonObject
                {
                    ["image_source"] = "http://127.0.0.1:18699/image.raw",
                    ["image_disk_format"] = "raw",
                    ["image_os_hash_algo"] = "sha256",
                    ["image_os_hash_value"] = new string('a', 64),
                },
            };
            var created = await client.SendAsync(HttpMethod.Post, "/v1/nodes", body.ToJsonString(), null, t).ConfigureAwait(false);
            using var doc = created.Status == 201 ? created.Json() : throw new InvalidOperationException(created.Describe("POST /v1/nodes"));
            uuids[i] = doc.RootElement.GetProperty("uuid").GetString();
        }, ct).ConfigureAwait(false);
        var nodes = uuids.OfType<string>().ToList();
        foreach (var (verb, state) in new[] { ("manage", "manageable"), ("provide", "available") })
        {
            await ProvisionAsync(nodes, verb, ct).ConfigureAwait(false);
            await WaitForAsync(nodes, state, TimeSpan.FromSeconds(options.WaitTimeoutSeconds), ct).ConfigureAwait(false);
        }

        Report($"{phase}: {nodes.Count} nodes enrolled and available");
        return nodes;
    }

    private Task ProvisionAsync(IEnumerable<string> nodes, string target, CancellationToken ct) =>
        Workers.ForEachAsync(nodes, options.Concurrency, async (uuid, t) =>
        {
            var r = await client.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", $$"""{"target": "{{target}}"}""", null, t).ConfigureAwait(false);
            if (r.Status != 202)
            {
                throw new InvalidOperationException(r.Describe($"{target} {uuid}"));
            }
        }, ct);

    // Deploy requests go out C at a time; each node's agent "boots" when its deploy was accepted.
    private async Task<List<Task>> StartAgentsAsync(List<string> nodes, bool hold, CancellationToken ct)
    {
        var loops = new List<Task>();
        await Workers.ForEachAsync(nodes, options.Concurrency, async (uuid, t) =>
        {
            await ProvisionAsync([uuid], "active", t).ConfigureAwait(false);
            var agent = fleet.Add(uuid, hold, TimeSpan.FromMilliseconds(options.WriteMs));
            lock (loops)
            {
                loops.Add(Task.Run(() => RunAgentAsync(agent, ct), CancellationToken.None));
            }
        }, ct).ConfigureAwait(false);
        return loops;
    }

    // IPA's loop: look up until the node expects us, heartbeat at once, then every interval and whenever a command ended.
    private async Task RunAgentAsync(SimulatedAgent agent, CancellationToken ct)
    {
        try
        {
            while (agent.Token is null)
            {
                var r = await client.GetAsync($"/v1/lookup?node_uuid={agent.NodeUuid}", null, ct).ConfigureAwait(false);
                if (r.Status == 200)
                {
                    using var doc = r.Json();
                    agent.Token = doc.RootElement.GetProperty("config").GetProperty("agent_token").GetString();
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            }

            var body = new JsonObject { ["callback_url"] = agent.CallbackUrl, ["agent_token"] = agent.Token, ["agent_version"] = "10.2.0" }.ToJsonString();
            while (!agent.PoweredOff.Task.IsCompleted)
            {
                var r = await client.SendAsync(HttpMethod.Post, $"/v1/heartbeat/{agent.NodeUuid}", body, null, ct).ConfigureAwait(false);
                Interlocked.Increment(ref heartbeats);
                if (r.Status != 202)
                {
                    Interlocked.Increment(ref heartbeatErrors);
                    firstError ??= r.Describe($"heartbeat {agent.NodeUuid}");
                }

                await agent.Force.WaitAsync(TimeSpan.FromSeconds(options.IntervalSeconds), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The phase is over.
        }
    }

    // Polls each node until it reaches the state (or fails); returns how many reached it and how many failed.
    private async Task<(int Done, int Failed)> WaitForAsync(List<string> nodes, string state, TimeSpan timeout, CancellationToken ct, string? requireStep = null)
    {
        var deadline = Stopwatch.StartNew();
        var pending = new HashSet<string>(nodes);
        var failed = 0;
        while (pending.Count > 0 && deadline.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
            var finished = new System.Collections.Concurrent.ConcurrentBag<(string Uuid, bool Failed)>();
            await Workers.ForEachAsync(pending.ToList(), options.Concurrency, async (uuid, t) =>
            {
                var r = await client.GetAsync($"/v1/nodes/{uuid}?fields=provision_state,deploy_step,last_error", null, t).ConfigureAwait(false);
                using var doc = r.Json();
                var s = doc.RootElement.GetProperty("provision_state").GetString();
                var step = doc.RootElement.TryGetProperty("deploy_step", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.Object
                    && d.TryGetProperty("step", out var n) ? n.GetString() : null;
                if (s == state && (requireStep is null || step == requireStep))
                {
                    finished.Add((uuid, false));
                }
                else if (s is "deploy failed" or "clean failed" or "error")
                {
                    firstError ??= $"{uuid}: {s}: {doc.RootElement.GetProperty("last_error")}";
                    finished.Add((uuid, true));
                }
            }, ct).ConfigureAwait(false);
            foreach (var (uuid, f) in finished)
            {
                pending.Remove(uuid);
                failed += f ? 1 : 0;
            }
        }

        if (pending.Count > 0 || failed > 0)
        {
            Report($"  {pending.Count} nodes did not reach {state} in {timeout.TotalSeconds} s, {failed} failed; first error: {firstError}");
        }

        return (nodes.Count - pending.Count - failed, failed);
    }

    private static void Report(string line) => Console.Error.WriteLine(line);
}
