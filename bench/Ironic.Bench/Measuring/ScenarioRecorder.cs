using System.Diagnostics;
using Ironic.Bench.Reporting;

namespace Ironic.Bench.Measuring;

/// <summary>
/// Counts and times the operations of one result row. An operation is what a user waits for: one
/// request (with its retries), one full paged listing, or one asynchronous change until it settled.
/// Thread-safe: the concurrent clients report into the same recorder.
/// </summary>
internal sealed class ScenarioRecorder
{
    private readonly List<double> latenciesMs = [];
    private readonly Lock gate = new();
    private readonly Stopwatch wall = new();
    private readonly ServerProcess? server;
    private long succeeded;
    private long failed;
    private long retries;
    private long requests;
    private string? firstError;
    private double? serverCpuAtStart;
    private TimeSpan benchCpuAtStart;
    private long peakRssKb;
    private CancellationTokenSource? sampling;
    private Task? sampler;

    public ScenarioRecorder(string name, long expected, ServerProcess? server)
    {
        Name = name;
        Expected = expected;
        this.server = server;
    }

    public string Name { get; }

    /// <summary>Operations the scenario means to run, for the progress display.</summary>
    public long Expected { get; set; }

    public long Done => Interlocked.Read(ref succeeded) + Interlocked.Read(ref failed);

    public long Failed => Interlocked.Read(ref failed);

    public long Retries => Interlocked.Read(ref retries);

    public TimeSpan Elapsed => wall.Elapsed;

    public void Start()
    {
        serverCpuAtStart = server?.CpuSeconds();
        benchCpuAtStart = Environment.CpuUsage.TotalTime;
        if (server is not null)
        {
            peakRssKb = server.RssKb() ?? 0;
            sampling = new CancellationTokenSource();
            sampler = SampleRssAsync(server, sampling.Token);
        }

        wall.Start();
    }

    public void CountRequest() => Interlocked.Increment(ref requests);

    public void CountRetry() => Interlocked.Increment(ref retries);

    public void Success(TimeSpan latency)
    {
        lock (gate)
        {
            latenciesMs.Add(latency.TotalMilliseconds);
        }

        Interlocked.Increment(ref succeeded);
    }

    public void Failure(string message)
    {
        Interlocked.CompareExchange(ref firstError, message, null);
        Interlocked.Increment(ref failed);
    }

    /// <summary>Times one operation: it answers null on success or what went wrong.</summary>
    public async Task TimeAsync(Func<Task<string?>> operation, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            error = await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (IsOperationFailure(e, ct))
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }

        if (error is null)
        {
            Success(Stopwatch.GetElapsedTime(started));
        }
        else
        {
            Failure(error);
        }
    }

    /// <summary>
    /// What counts against the server rather than stopping the run: transport errors, timeouts, and
    /// bodies that are not the JSON a Bare Metal API answers (missing members, wrong kinds).
    /// </summary>
    public static bool IsOperationFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException or TimeoutException or System.Text.Json.JsonException
            or InvalidDataException or KeyNotFoundException or InvalidOperationException or FormatException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);

    public async Task<ScenarioResult> FinishAsync(string? note = null)
    {
        wall.Stop();
        if (sampling is not null)
        {
            await sampling.CancelAsync().ConfigureAwait(false);
            await sampler!.ConfigureAwait(false);
            sampling.Dispose();
        }

        double[] sorted;
        lock (gate)
        {
            sorted = [.. latenciesMs.Order()];
        }

        var seconds = Math.Max(wall.Elapsed.TotalSeconds, 1e-9);
        var serverCpu = server?.CpuSeconds() - serverCpuAtStart;
        return new ScenarioResult
        {
            Name = Name,
            Operations = Done,
            Errors = Failed,
            Retries = Retries,
            Requests = Interlocked.Read(ref requests),
            WallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 4),
            Throughput = Math.Round(Interlocked.Read(ref succeeded) / seconds, 2),
            P50Ms = Math.Round(Percentiles.Of(sorted, 50), 2),
            P95Ms = Math.Round(Percentiles.Of(sorted, 95), 2),
            P99Ms = Math.Round(Percentiles.Of(sorted, 99), 2),
            MaxMs = Math.Round(sorted.Length == 0 ? 0 : sorted[^1], 2),
            ServerCpuSeconds = serverCpu is { } cpu ? Math.Round(cpu, 2) : null,
            BenchCpuSeconds = Math.Round((Environment.CpuUsage.TotalTime - benchCpuAtStart).TotalSeconds, 2),
            PeakRssKb = server is null ? null : Interlocked.Read(ref peakRssKb),
            FirstError = firstError,
            Note = note,
        };
    }

    private async Task SampleRssAsync(ServerProcess process, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                if (process.RssKb() is { } rss && rss > Interlocked.Read(ref peakRssKb))
                {
                    Interlocked.Exchange(ref peakRssKb, rss);
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Scenario finished.
        }
    }
}
