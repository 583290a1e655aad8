using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ironic.Bench.Reporting;

/// <summary>Everything one run measured: what <c>--json</c> writes and <c>compare</c> reads.</summary>
internal sealed record BenchReport
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Label { get; init; }

    public required string Endpoint { get; init; }

    /// <summary>The microversion sent on every request.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The server's maximum microversion, from <c>GET /</c>.</summary>
    public string? ServerMaxVersion { get; init; }

    public int Nodes { get; init; }

    public int Concurrency { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public required MachineInfo Machine { get; init; }

    public MemoryReport? Memory { get; init; }

    /// <summary>Launch to first answered <c>GET /</c>, in ms, as measured by the caller (one sample per launch).</summary>
    public IReadOnlyList<double> StartupMs { get; init; } = [];

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    public long TotalErrors => Scenarios.Sum(s => s.Errors);

    public static BenchReport Load(string path) =>
        JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path} holds no report");
}
