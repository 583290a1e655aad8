using System.Globalization;
using Ironic.Bench.Http;
using Ironic.Bench.Measuring;
using Ironic.Bench.Reporting;

namespace Ironic.Bench.Scenarios;

/// <summary>What the scenarios of one run share: the client, the options, the nodes made so far, the results.</summary>
internal sealed class BenchContext(BenchOptions options, IronicClient client, ServerProcess? server)
{
    /// <summary>Largest page the API serves by default ([api] max_limit); lists ask for it explicitly.</summary>
    public const int PageSize = 1000;

    private readonly List<ScenarioResult> results = [];

    public BenchOptions Options { get; } = options;

    public IronicClient Client { get; } = client;

    public ServerProcess? Server { get; } = server;

    /// <summary>Distinguishes this run's names, MAC addresses and resource class from any earlier run on the same database.</summary>
    public string RunId { get; } = Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", CultureInfo.InvariantCulture);

    public string ResourceClass => $"bench-{RunId}";

    /// <summary>Nodes created by this run, in creation order of their index; failed creations leave no entry.</summary>
    public List<NodeRef> Nodes { get; } = [];

    public IReadOnlyList<ScenarioResult> Results => results;

    public string NodeName(int index) => string.Create(CultureInfo.InvariantCulture, $"bench-{RunId}-{index:D6}");

    /// <summary>Runs one result row with its recorder and live progress, and keeps its result.</summary>
    public async Task<ScenarioResult> RowAsync(string name, long expected, Func<ScenarioRecorder, CancellationToken, Task> body, CancellationToken ct, string? note = null)
    {
        var recorder = new ScenarioRecorder(name, expected, Server);
        recorder.Start();
        await using (ProgressDisplay.Start(Options.Label, recorder).ConfigureAwait(false))
        {
            await body(recorder, ct).ConfigureAwait(false);
        }

        var result = await recorder.FinishAsync(note).ConfigureAwait(false);
        results.Add(result);
        return result;
    }

    /// <summary>Puts a summary row before the rows it sums up.</summary>
    public void Insert(int index, ScenarioResult result) => results.Insert(index, result);
}
