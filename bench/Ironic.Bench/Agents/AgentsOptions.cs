namespace Ironic.Bench.Agents;

/// <summary>What one <c>agents</c> run does, as given on the command line.</summary>
internal sealed record AgentsOptions
{
    public required int DeployNodes { get; init; }

    public required int Agents { get; init; }

    public required double IntervalSeconds { get; init; }

    public required double WindowSeconds { get; init; }

    public required int Concurrency { get; init; }

    public required int WriteMs { get; init; }

    public required int WaitTimeoutSeconds { get; init; }
}
