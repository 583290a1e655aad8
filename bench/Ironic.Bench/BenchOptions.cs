namespace Ironic.Bench;

/// <summary>What one <c>run</c> does, as given on the command line.</summary>
internal sealed record BenchOptions
{
    public required Uri Endpoint { get; init; }

    public required string Label { get; init; }

    public required int Nodes { get; init; }

    public required int Concurrency { get; init; }

    public required IReadOnlyList<string> Scenarios { get; init; }

    public string? JsonPath { get; init; }

    public int? Pid { get; init; }

    /// <summary>"auto" (the server's maximum) or an explicit microversion such as 1.66.</summary>
    public required string ApiVersion { get; init; }

    public required double IdleSeconds { get; init; }

    public required IReadOnlyList<double> StartupMs { get; init; }

    public required int PollMs { get; init; }

    public required int WaitTimeoutSeconds { get; init; }

    public required int Retries { get; init; }

    public required int RetryDelayMs { get; init; }

    /// <summary>How many full traversals each list scenario makes (spread over the clients).</summary>
    public required int ListRepeat { get; init; }
}
