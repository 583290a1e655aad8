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
    /// Hands a locked task to a worker, which releases the lock when <paramref name="work"/> ends. When
    /// no worker is free, <paramref name="undo"/> takes back what the caller already recorded on the node
    /// (so it is not left "in transition"), the node says why in last_error, and the 503 propagates; the
    /// caller still owns, and disposes, the task in that case.
    /// </summary>
    public async Task HandOffAsync(Locking.NodeTask task, string description, Func<CancellationToken, Task> work,
        Action<Drivers.Objects.Node>? undo = null)
    {
        try
        {
            Spawn(description, async stop =>
            {
                await using (task)
                {
                    await work(stop).ConfigureAwait(false);
                }
            });
        }
        catch (NoFreeConductorWorker) when (undo is not null)
        {
            undo(task.Node);
            task.Node.LastError = "No free conductor workers available";
            await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
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
