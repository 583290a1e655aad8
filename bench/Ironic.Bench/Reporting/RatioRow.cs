namespace Ironic.Bench.Reporting;

/// <summary>One line of the side-by-side comparison.</summary>
/// <param name="Ratio">How many times better ours is (higher is better, whatever the metric).</param>
/// <param name="Met">Whether the target is met; null where there is none.</param>
internal sealed record RatioRow(
    string Scenario, string Metric, string Ours, string Reference, double? Ratio, string Target, bool? Met, string Detail);
