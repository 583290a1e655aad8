using System.Text.Json;
using Ironic.Bench.Http;
using Ironic.Bench.Measuring;
using Ironic.Bench.Reporting;

namespace Ironic.Bench.Scenarios;

/// <summary>One run: negotiate the microversion, read idle memory, run the chosen groups in order, report.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        // Pollers and retries come on top of the C clients; a few spare connections keep them from queueing.
        using var client = new IronicClient(options.Endpoint, options.Concurrency + 4, options.Retries, TimeSpan.FromMilliseconds(options.RetryDelayMs));
        var started = DateTimeOffset.UtcNow;
        var machine = MachineInfo.Read();
        string? serverMax;
        try
        {
            serverMax = await MaximumVersionAsync(client, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"{options.Endpoint}: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        client.ApiVersion = options.ApiVersion.Equals("auto", StringComparison.OrdinalIgnoreCase) ? serverMax ?? "1.1" : options.ApiVersion;
        var check = await client.GetAsync("/v1", null, ct).ConfigureAwait(false);
        if (check.Status != 200)
        {
            await Console.Error.WriteLineAsync(check.Describe($"{options.Endpoint} refuses microversion {client.ApiVersion}")).ConfigureAwait(false);
            return 2;
        }

        var server = options.Pid is { } pid ? new ServerProcess(pid) : null;
        if (server is { Alive: false })
        {
            await Console.Error.WriteLineAsync($"no process {server.Pid}").ConfigureAwait(false);
            return 2;
        }

        long? idleRss = null;
        (long? PssKb, long? PrivateKb) idleShared = (null, null);
        if (server is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), ct).ConfigureAwait(false);
            idleRss = server.RssKb();
            idleShared = server.SharedAwareKb();
        }

        await Console.Error.WriteLineAsync(
            $"[{options.Label}] {options.Endpoint} (max {serverMax}, sending {client.ApiVersion}): N={options.Nodes} C={options.Concurrency} scenarios={string.Join(',', options.Scenarios)}"
            + (idleRss is { } kb ? $" idle RSS {kb / 1024.0:0.0} MiB" : string.Empty)
            + $" load average {machine.LoadAverage}").ConfigureAwait(false);

        var bench = new BenchContext(options, client, server);
        foreach (var group in GroupsToRun(options.Scenarios))
        {
            await RunGroupAsync(bench, group, ct).ConfigureAwait(false);
        }

        var report = new BenchReport
        {
            Label = options.Label,
            Endpoint = options.Endpoint.ToString(),
            ApiVersion = client.ApiVersion,
            ServerMaxVersion = serverMax,
            Nodes = options.Nodes,
            Concurrency = options.Concurrency,
            StartedAt = started,
            Machine = machine,
            Memory = server is null ? null : new MemoryReport
            {
                Pid = server.Pid,
                IdleRssKb = idleRss,
                IdlePssKb = idleShared.PssKb,
                IdlePrivateKb = idleShared.PrivateKb,
                LoadedPeakRssKb = bench.Results.Max(r => r.PeakRssKb),
                EndRssKb = server.RssKb(),
                HighWaterMarkKb = server.PeakRssKb(),
                TotalCpuSeconds = server.CpuSeconds(),
            },
            StartupMs = options.StartupMs,
            Scenarios = bench.Results,
        };

        SummaryTable.Write(report);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchReport.JsonOptions), ct).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"[{options.Label}] results written to {path}").ConfigureAwait(false);
        }

        return report.TotalErrors == 0 ? 0 : 1;
    }

    /// <summary>The chosen groups, with <c>create</c> first whenever a later group needs nodes.</summary>
    private static IEnumerable<string> GroupsToRun(IReadOnlyList<string> selected) =>
        selected.Count > 0 && !selected.Contains(ScenarioNames.Create) ? [ScenarioNames.Create, .. selected] : selected;

    private static Task RunGroupAsync(BenchContext bench, string group, CancellationToken ct) => group switch
    {
        ScenarioNames.Create => CreateScenario.RunAsync(bench, ct),
        ScenarioNames.List => ListScenario.RunAsync(bench, ct),
        ScenarioNames.Patch => PatchScenario.RunAsync(bench, ct),
        ScenarioNames.Power => PowerScenario.RunAsync(bench, ct),
        ScenarioNames.Lifecycle => LifecycleScenario.RunAsync(bench, ct),
        ScenarioNames.Ports => PortsScenario.RunAsync(bench, ct),
        ScenarioNames.Delete => DeleteScenario.RunAsync(bench, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "unknown scenario group"),
    };

    /// <summary>The highest microversion the server serves, from <c>GET /</c> (as clients negotiate).</summary>
    private static async Task<string?> MaximumVersionAsync(IronicClient client, CancellationToken ct)
    {
        var root = await client.GetAsync("/", null, ct).ConfigureAwait(false);
        if (root.Status != 200)
        {
            return null;
        }

        using var doc = root.Json();
        return doc.RootElement.TryGetProperty("default_version", out var v) && v.TryGetProperty("version", out var max)
            ? max.GetString()
            : null;
    }
}
