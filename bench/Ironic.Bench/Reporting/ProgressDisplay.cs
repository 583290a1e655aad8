using System.Globalization;
using Ironic.Bench.Measuring;

namespace Ironic.Bench.Reporting;

/// <summary>
/// Live progress of one scenario on stderr: a line redrawn in place when stderr is a terminal,
/// otherwise a plain line every few seconds (logs and CI stay readable).
/// </summary>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    private static readonly bool Interactive = !Console.IsErrorRedirected;

    private readonly string label;
    private readonly ScenarioRecorder recorder;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private ProgressDisplay(string label, ScenarioRecorder recorder)
    {
        this.label = label;
        this.recorder = recorder;
        loop = RunAsync();
    }

    public static ProgressDisplay Start(string label, ScenarioRecorder recorder) => new(label, recorder);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stop.Dispose();
        await WriteAsync(final: true).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                await WriteAsync(final: false).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The scenario finished.
        }
    }

    private async Task WriteAsync(bool final)
    {
        var done = recorder.Done;
        var expected = Math.Max(recorder.Expected, 1);
        var seconds = recorder.Elapsed.TotalSeconds;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {recorder.Name,-20} {done,7}/{expected,-7} {100.0 * done / expected,5:0.0}%  {seconds,7:0.0} s  {done / Math.Max(seconds, 1e-9),9:0.0} ops/s  errors {recorder.Failed}  retries {recorder.Retries}");
        if (Interactive)
        {
            // Erase the line, draw, and move on only when the scenario is over.
            await Console.Error.WriteAsync("\r\u001b[2K" + text + (final ? "\n" : string.Empty)).ConfigureAwait(false);
        }
        else
        {
            await Console.Error.WriteLineAsync(text + (final ? "  done" : string.Empty)).ConfigureAwait(false);
        }
    }
}
