using System.CommandLine;
using System.Globalization;
using Ironic.Bench.Scenarios;

namespace Ironic.Bench.Cli;

/// <summary><c>ironic-bench run</c>: the scenarios against one endpoint, a summary table, optionally JSON.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string>("--endpoint", "-e")
        {
            Description = "Base URL of the Bare Metal API.",
            DefaultValueFactory = _ => "http://127.0.0.1:6385",
        };
        var label = new Option<string>("--label") { Description = "Name of the server in output (e.g. ours, reference).", DefaultValueFactory = _ => "server" };
        var nodes = new Option<int>("--nodes", "-n") { Description = "Nodes to create and drive (N).", DefaultValueFactory = _ => 1000 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Concurrent clients (C).", DefaultValueFactory = _ => 16 };
        var scenarios = new Option<string>("--scenarios", "-s")
        {
            Description = $"Comma-separated groups to run: {string.Join(',', ScenarioNames.All)}, or all. Nodes are created whenever a later group needs them.",
            DefaultValueFactory = _ => "all",
        };
        var json = new Option<FileInfo?>("--json") { Description = "Write the machine-readable results to this file." };
        var pid = new Option<int?>("--pid") { Description = "Server process id: idle and loaded resident memory and CPU time come from /proc/PID." };
        var apiVersion = new Option<string>("--api-version")
        {
            Description = "X-OpenStack-Ironic-API-Version to send, or auto for the maximum GET / reports.",
            DefaultValueFactory = _ => "auto",
        };
        var idle = new Option<double>("--idle-seconds") { Description = "With --pid: wait this long before reading idle memory.", DefaultValueFactory = _ => 3 };
        var startup = new Option<string?>("--startup-ms") { Description = "Launch-to-first-answer samples measured by the caller (comma-separated ms), recorded in the JSON." };
        var poll = new Option<int>("--poll-ms") { Description = "Longest pause between polls of one node while waiting for an operation.", DefaultValueFactory = _ => 100 };
        var timeout = new Option<int>("--wait-timeout") { Description = "Seconds to wait for an asynchronous operation before counting it as an error.", DefaultValueFactory = _ => 900 };
        var retries = new Option<int>("--retries") { Description = "Retries of a 409 (node locked) or 503 answer, as ironicclient does.", DefaultValueFactory = _ => 10 };
        var retryDelay = new Option<int>("--retry-ms") { Description = "Pause before each retry (ironicclient: 2000).", DefaultValueFactory = _ => 250 };
        var listRepeat = new Option<int?>("--list-repeat") { Description = "Full list traversals per list scenario (default: C, one per client)." };

        var command = new Command("run", "Run the scenarios against one endpoint.")
        {
            endpoint, label, nodes, concurrency, scenarios, json, pid, apiVersion, idle, startup, poll, timeout, retries, retryDelay, listRepeat,
        };
        command.SetAction(async (parse, ct) =>
        {
            var selected = ParseScenarios(parse.GetValue(scenarios)!);
            if (selected is null)
            {
                await Console.Error.WriteLineAsync($"unknown scenario; choose from {string.Join(',', ScenarioNames.All)} or all").ConfigureAwait(false);
                return 2;
            }

            if (!Uri.TryCreate(parse.GetValue(endpoint), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync("--endpoint must be an http(s) URL").ConfigureAwait(false);
                return 2;
            }

            var c = Math.Max(1, parse.GetValue(concurrency));
            var options = new BenchOptions
            {
                Endpoint = baseUri,
                Label = parse.GetValue(label)!,
                Nodes = Math.Max(1, parse.GetValue(nodes)),
                Concurrency = c,
                Scenarios = selected,
                JsonPath = parse.GetValue(json)?.FullName,
                Pid = parse.GetValue(pid),
                ApiVersion = parse.GetValue(apiVersion)!,
                IdleSeconds = parse.GetValue(idle),
                StartupMs = ParseNumbers(parse.GetValue(startup)),
                PollMs = Math.Max(1, parse.GetValue(poll)),
                WaitTimeoutSeconds = parse.GetValue(timeout),
                Retries = Math.Max(0, parse.GetValue(retries)),
                RetryDelayMs = Math.Max(0, parse.GetValue(retryDelay)),
                ListRepeat = Math.Max(1, parse.GetValue(listRepeat) ?? c),
            };
            return await BenchRunner.RunAsync(options, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static List<string>? ParseScenarios(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Equals("all", StringComparison.OrdinalIgnoreCase)))
        {
            return [.. ScenarioNames.All];
        }

        var lower = names.Select(n => n.ToLowerInvariant()).ToHashSet();
        return lower.All(ScenarioNames.All.Contains) ? [.. ScenarioNames.All.Where(lower.Contains)] : null;
    }

    private static List<double> ParseNumbers(string? value) =>
        value is null
            ? []
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
}
