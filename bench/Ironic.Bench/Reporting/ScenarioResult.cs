namespace Ironic.Bench.Reporting;

/// <summary>One row of the summary: a scenario's operations, timing and errors.</summary>
internal sealed record ScenarioResult
{
    public required string Name { get; init; }

    /// <summary>Operations attempted, failed ones included.</summary>
    public long Operations { get; init; }

    /// <summary>Operations that failed after retries (wrong status, timeout, a node in a failure state).</summary>
    public long Errors { get; init; }

    /// <summary>409/503 answers retried.</summary>
    public long Retries { get; init; }

    /// <summary>HTTP requests sent, polls and retries included.</summary>
    public long Requests { get; init; }

    public double WallSeconds { get; init; }

    /// <summary>Successful operations per second of wall time.</summary>
    public double Throughput { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>CPU time the server used during the scenario (with <c>--pid</c>).</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>CPU time the load generator itself used: it shares the machine with the server.</summary>
    public double BenchCpuSeconds { get; init; }

    /// <summary>Highest server RSS sampled (every 100 ms) during the scenario (with <c>--pid</c>).</summary>
    public long? PeakRssKb { get; init; }

    public string? FirstError { get; init; }

    public string? Note { get; init; }
}
