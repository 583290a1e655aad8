using Ironic.Common.Config;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Workers;

/// <summary>
/// The conductor's bounded pool for asynchronous work (<c>[conductor] workers_pool_size</c>). When
/// full it refuses at once with <see cref="NoFreeConductorWorker"/> (503) instead of queueing without
/// end; the API answers 202 only for work that really started.
/// </summary>
public sealed partial class WorkerPool(IronicOptions options, ILogger<WorkerPool> log) : IAsyncDisposable
{
    private readonly SemaphoreSlim slots = new(options.Conductor.WorkersPoolSize, options.Conductor.WorkersPoolSize);
    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<Task> running = [];
    private readonly Lock gate = new();

    /// <summary>Work currently running.</summary>
    public int Busy => options.Conductor.WorkersPoolSize - slots.CurrentCount;

    /// <summary>Starts <paramref name="work"/> on a free worker, or throws <see cref="NoFreeConductorWorker"/>.</summary>
    public void Spawn(string description, Func<CancellationToken, Task> work)
    {
        if (!slots.Wait(0))
        {
            throw new NoFreeConductorWorker();
        }

        var task = Task.Run(async () =>
        {
            try
            {
                await work(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The work records its own failure on the node; this is the last line of defence.
                LogFailed(e, description);
            }
            finally
            {
                slots.Release();
            }
        });
        lock (gate)
        {
            running.Add(task);
        }

        _ = task.ContinueWith(t =>
        {
            lock (gate)
            {
                running.Remove(t);
            }
        }, TaskScheduler.Default);
    }

    /// <summary>
    /// Waits for running work (tests). At process exit nothing waits: work in flight keeps its node's
    /// reservation, and the next start of this conductor fails those nodes cleanly (recovery).
    /// </summary>
    public async Task WhenIdleAsync()
    {
        Task[] snapshot;
        lock (gate)
        {
            snapshot = [.. running];
        }

        await Task.WhenAll(snapshot).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await WhenIdleAsync().ConfigureAwait(false);
        stopping.Dispose();
        slots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker for {Description} failed")]
    private partial void LogFailed(Exception e, string description);
}
