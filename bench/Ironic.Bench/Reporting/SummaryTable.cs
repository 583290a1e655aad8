using System.Globalization;
using Spectre.Console;

namespace Ironic.Bench.Reporting;

/// <summary>The per-scenario table printed at the end of a run.</summary>
internal static class SummaryTable
{
    public static void Write(BenchReport report)
    {
        var console = ConsoleFactory.Stdout();
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(report.Label)}: {Markup.Escape(report.Endpoint)} API {report.ApiVersion}, N={report.Nodes}, C={report.Concurrency}");
        foreach (var column in new[] { "scenario", "ops", "wall s", "ops/s", "p50 ms", "p95 ms", "p99 ms", "errors", "retries", "server CPU s", "peak RSS MiB" })
        {
            table.AddColumn(new TableColumn(column) { Alignment = column == "scenario" ? Justify.Left : Justify.Right });
        }

        foreach (var s in report.Scenarios)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                N(s.Operations, "0"),
                N(s.WallSeconds, "0.000"),
                N(s.Throughput, "0.0"),
                N(s.P50Ms, "0.0"),
                N(s.P95Ms, "0.0"),
                N(s.P99Ms, "0.0"),
                s.Errors == 0 ? "0" : $"[red]{s.Errors}[/]",
                N(s.Retries, "0"),
                s.ServerCpuSeconds is { } cpu ? N(cpu, "0.00") : "-",
                s.PeakRssKb is { } rss ? N(rss / 1024.0, "0.0") : "-");
        }

        console.Write(table);
        if (report.Memory is { } m)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server pid {m.Pid}: idle RSS {Mib(m.IdleRssKb)} MiB (PSS {Mib(m.IdlePssKb)}, private {Mib(m.IdlePrivateKb)}), loaded peak {Mib(m.LoadedPeakRssKb)} MiB, at end {Mib(m.EndRssKb)} MiB, VmHWM {Mib(m.HighWaterMarkKb)} MiB, CPU since launch {m.TotalCpuSeconds:0.0} s"));
        }

        if (report.StartupMs.Count > 0)
        {
            console.WriteLine($"launch to first answer: {string.Join(", ", report.StartupMs.Select(ms => N(ms, "0")))} ms");
        }

        foreach (var s in report.Scenarios.Where(s => s.FirstError is not null))
        {
            console.MarkupLine($"[red]{Markup.Escape(s.Name)}[/]: first error: {Markup.Escape(s.FirstError!)}");
        }
    }

    private static string Mib(long? kb) => kb is { } v ? N(v / 1024.0, "0.0") : "-";

    private static string N(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
