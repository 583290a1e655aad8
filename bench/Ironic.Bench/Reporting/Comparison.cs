using System.Globalization;
using System.Text;

namespace Ironic.Bench.Reporting;

/// <summary>Ours against the reference, row by row, with the issue's targets.</summary>
internal static class Comparison
{
    private const double ThroughputTarget = 10;
    private const double IdleMemoryTarget = 1.0 / 3;
    private const double StartupTargetMs = 1000;

    /// <summary>Rows with a ≥10× throughput target in the issue.</summary>
    private static readonly HashSet<string> TenTimes =
        ["create", "list-detail", "list-fields", "get-by-name", "patch", "power-on", "power-off", "lifecycle"];

    public static List<RatioRow> Rows(BenchReport ours, BenchReport reference)
    {
        var rows = new List<RatioRow>();
        foreach (var o in ours.Scenarios)
        {
            if (reference.Scenarios.FirstOrDefault(r => r.Name == o.Name) is not { } r)
            {
                continue;
            }

            var detail = string.Create(CultureInfo.InvariantCulture,
                $"p50 {o.P50Ms:0.0}/{r.P50Ms:0.0} ms, p95 {o.P95Ms:0.0}/{r.P95Ms:0.0} ms, server CPU {Cpu(o)}/{Cpu(r)} s, errors {o.Errors}/{r.Errors}, retries {o.Retries}/{r.Retries}");
            var hasTarget = TenTimes.Contains(o.Name);
            if (o.Name.StartsWith("lifecycle", StringComparison.Ordinal))
            {
                var ratio = o.WallSeconds > 0 ? r.WallSeconds / o.WallSeconds : (double?)null;
                rows.Add(new RatioRow(o.Name, "wall s", F(o.WallSeconds, "0.00"), F(r.WallSeconds, "0.00"), ratio,
                    hasTarget ? "≥10× faster" : string.Empty, hasTarget ? ratio >= ThroughputTarget : null, detail));
            }
            else
            {
                var ratio = r.Throughput > 0 ? o.Throughput / r.Throughput : (double?)null;
                rows.Add(new RatioRow(o.Name, "ops/s", F(o.Throughput, "0.0"), F(r.Throughput, "0.0"), ratio,
                    hasTarget ? "≥10×" : string.Empty, hasTarget ? ratio >= ThroughputTarget : null, detail));
            }
        }

        if (ours.Memory is { } om && reference.Memory is { } rm)
        {
            rows.Add(Memory("idle RSS", om.IdleRssKb, rm.IdleRssKb, "≤ 1/3", IdleMemoryTarget));
            if (om.IdlePssKb is not null && rm.IdlePssKb is not null)
            {
                rows.Add(Memory("idle PSS", om.IdlePssKb, rm.IdlePssKb, string.Empty, null));
                rows.Add(Memory("idle private", om.IdlePrivateKb, rm.IdlePrivateKb, string.Empty, null));
            }

            rows.Add(Memory("loaded peak RSS", om.LoadedPeakRssKb, rm.LoadedPeakRssKb, string.Empty, null));
            rows.Add(new RatioRow("server CPU, whole run", "s", F(om.TotalCpuSeconds ?? 0, "0.0"), F(rm.TotalCpuSeconds ?? 0, "0.0"),
                om.TotalCpuSeconds > 0 ? rm.TotalCpuSeconds / om.TotalCpuSeconds : null, string.Empty, null, "user + system, launch to end of run"));
        }

        if (ours.StartupMs.Count > 0 && reference.StartupMs.Count > 0)
        {
            var o = Median(ours.StartupMs);
            var r = Median(reference.StartupMs);
            rows.Add(new RatioRow("start-up to first answer", "ms (median)", F(o, "0"), F(r, "0"), r / o, "ours < 1 s", o < StartupTargetMs,
                $"samples: ours {string.Join(' ', ours.StartupMs.Select(x => F(x, "0")))}; reference {string.Join(' ', reference.StartupMs.Select(x => F(x, "0")))}"));
        }

        return rows;
    }

    public static string Markdown(BenchReport ours, BenchReport reference, IReadOnlyList<RatioRow> rows)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"N = {ours.Nodes}, C = {ours.Concurrency}, microversion {ours.ApiVersion} (ours) / {reference.ApiVersion} (reference); "
            + $"load average at the start of each run: ours {ours.Machine.LoadAverage}, reference {reference.Machine.LoadAverage}");
        md.AppendLine();
        md.AppendLine("| scenario | metric | ours | reference | ours better by | target | met | detail (ours/reference) |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- | --- |");
        foreach (var row in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Metric} | {row.Ours} | {row.Reference} | {RatioText(row.Ratio)} | {row.Target} | {MetText(row.Met)} | {row.Detail} |");
        }

        return md.ToString();
    }

    public static string RatioText(double? ratio) => ratio is { } r ? F(r, r >= 10 ? "0" : "0.0") + "×" : "-";

    public static string MetText(bool? met) => met switch { true => "yes", false => "**no**", null => string.Empty };

    private static RatioRow Memory(string name, long? ours, long? reference, string target, double? limit)
    {
        // For memory, "better by" is reference/ours; the target is on ours/reference.
        double? ratio = ours > 0 && reference > 0 ? (double)reference / ours.Value : null;
        bool? met = limit is { } l && ratio is { } x ? 1 / x <= l : null;
        return new RatioRow(name, "MiB", ours is { } o ? F(o / 1024.0, "0.0") : "-", reference is { } r ? F(r / 1024.0, "0.0") : "-",
            ratio, target, met, ratio is { } q ? $"ours/reference = {F(1 / q, "0.00")}" : string.Empty);
    }

    private static string Cpu(ScenarioResult s) => s.ServerCpuSeconds is { } c ? F(c, "0.00") : "-";

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
