using Ironic.Common.Config;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Periodic;

/// <summary>
/// Runs the conductor's periodic tasks on its clock. Each loop catches per iteration and carries on:
/// a failing run is logged and retried at the next tick, never stopping the conductor.
/// </summary>
public sealed partial class PeriodicTasks(ProvisionTimeouts timeouts, PowerSync powerSync, HistoryCleanup historyCleanup, DriverPeriodics driverPeriodics,
    IronicOptions options, TimeProvider clock,
    ILogger<PeriodicTasks> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>
        {
            LoopAsync("check provision timeouts", options.Conductor.CheckProvisionStateInterval, timeouts.RunOnceAsync, stoppingToken),
        };
        if (options.Conductor.SyncPowerStateInterval > 0)
        {
            loops.Add(LoopAsync("sync power states", options.Conductor.SyncPowerStateInterval, powerSync.RunOnceAsync, stoppingToken));
        }

        if (options.Conductor.NodeHistoryCleanupInterval > 0)
        {
            loops.Add(LoopAsync("clean up node history", options.Conductor.NodeHistoryCleanupInterval, historyCleanup.RunOnceAsync, stoppingToken));
        }

        foreach (var (name, spacing, run) in driverPeriodics.Loops())
        {
            loops.Add(LoopAsync(name, spacing, run, stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task LoopAsync<T>(string name, int seconds, Func<CancellationToken, Task<T>> run, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await run(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(e, name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic task '{Name}' failed; it runs again at the next interval")]
    private partial void LogFailed(Exception e, string name);
}
