using System.CommandLine;
using System.Text.Json.Nodes;
using Ironic.Bench.Agents;
using Ironic.Bench.Http;
using Ironic.Bench.Measuring;
using Ironic.Bench.Reporting;

namespace Ironic.Bench.Cli;

/// <summary><c>ironic-bench agents</c>: direct deploys driven by simulated agents, and the server's cost of many heartbeating agents.</summary>
internal static class AgentsCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string>("--endpoint", "-e") { Description = "Base URL of the Bare Metal API.", DefaultValueFactory = _ => "http://127.0.0.1:6385" };
        var pid = new Option<int?>("--pid") { Description = "Server process id: its CPU time over the heartbeat window comes from /proc/PID." };
        var deploy = new Option<int>("--deploy-nodes") { Description = "Nodes to deploy through simulated agents (0 skips).", DefaultValueFactory = _ => 200 };
        var agents = new Option<int>("--agents") { Description = "Agents heartbeating on nodes waiting in write_image (0 skips).", DefaultValueFactory = _ => 1000 };
        var interval = new Option<double>("--interval") { Description = "Seconds between an agent's heartbeats.", DefaultValueFactory = _ => 10 };
        var window = new Option<double>("--window") { Description = "Seconds of steady heartbeats the CPU time is read over.", DefaultValueFactory = _ => 60 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Concurrent clients for enrolment and deploy requests.", DefaultValueFactory = _ => 16 };
        var writeMs = new Option<int>("--write-ms") { Description = "How long a simulated write_image runs.", DefaultValueFactory = _ => 500 };
        var agentPort = new Option<int>("--agent-port") { Description = "Loopback port of the simulated agents' HTTP server.", DefaultValueFactory = _ => 18611 };
        var timeout = new Option<int>("--wait-timeout") { Description = "Seconds to wait for nodes to reach a state.", DefaultValueFactory = _ => 600 };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results to this file." };
        var command = new Command("agents", "Deploy nodes through simulated agents, then measure the server's CPU time for many heartbeating agents.")
        {
            endpoint, pid, deploy, agents, interval, window, concurrency, writeMs, agentPort, timeout, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new AgentsOptions
            {
                DeployNodes = Math.Max(0, parse.GetValue(deploy)),
                Agents = Math.Max(0, parse.GetValue(agents)),
                IntervalSeconds = Math.Max(0.1, parse.GetValue(interval)),
                WindowSeconds = Math.Max(1, parse.GetValue(window)),
                Concurrency = Math.Max(1, parse.GetValue(concurrency)),
                WriteMs = Math.Max(0, parse.GetValue(writeMs)),
                WaitTimeoutSeconds = Math.Max(1, parse.GetValue(timeout)),
            };
            // Agents and pollers share the client: enough connections that heartbeats never queue behind each other.
            using var client = new IronicClient(new Uri(parse.GetValue(endpoint)!), 64, maxRetries: 20, TimeSpan.FromMilliseconds(500));
            var root = await client.GetAsync("/", null, ct).ConfigureAwait(false);
            using (var doc = root.Json())
            {
                client.ApiVersion = doc.RootElement.GetProperty("default_version").GetProperty("version").GetString();
            }

            await using var fleet = await AgentFleetServer.StartAsync(parse.GetValue(agentPort)).ConfigureAwait(false);
            var run = new AgentsRun(options, client, fleet);
            var server = parse.GetValue(pid) is { } p ? new ServerProcess(p) : null;
            var report = new JsonObject { ["machine"] = System.Text.Json.JsonSerializer.SerializeToNode(MachineInfo.Read()) };
            var ok = true;
            if (options.DeployNodes > 0)
            {
                var result = await run.DeployAsync(ct).ConfigureAwait(false);
                ok &= (int)result["active"]! == options.DeployNodes;
                report["deploy"] = result;
            }

            if (options.Agents > 0)
            {
                var result = await run.HeartbeatLoadAsync(server, ct).ConfigureAwait(false);
                ok &= (long)result["errors"]! == 0 && (long)result["heartbeats"]! > 0;
                report["heartbeat"] = result;
            }

            if (parse.GetValue(json) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), ct).ConfigureAwait(false);
            }

            return ok ? 0 : 1;
        });
        return command;
    }
}
