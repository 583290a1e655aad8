using Ironic.Common.Config;
using Ironic.Drivers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// Applies drivers' step reports (<see cref="ITaskContext.ReportStep"/>): a step done continues the
/// node's cleaning or deployment, a step failed fails it, each under a new lock. A node that stays
/// locked is tried again every <c>[conductor] node_locked_retry_interval</c> for a while, so a report is
/// not lost to a passing lock; a report on a node that no longer waits on that step is dropped (logged).
/// </summary>
public sealed partial class StepContinuations(StepReports reports, StepRunner steps, IronicOptions options, TimeProvider clock,
    ILogger<StepContinuations> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var report in reports.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                // Each on its own: one node's continuation never waits for another's lock.
                _ = ApplyAsync(report, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Beyond the task manager's own retries: a periodic task or passthru may hold the node a while.
    private const int LockedRetries = 30;

    /// <summary>Applies one report; returns when the continuation was handed to a worker, or dropped.</summary>
    internal async Task ApplyAsync(StepReport report, CancellationToken ct)
    {
        if (report.WaitState is not (CleanWait or DeployWait))
        {
            LogNotWaiting(report.NodeUuid, report.Result.ToString(), report.WaitState ?? "");
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await steps.ContinueAsync(report.NodeUuid, report.WaitState == DeployWait, report, ct).ConfigureAwait(false);
                return;
            }
            catch (NodeLocked) when (attempt < LockedRetries)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Conductor.NodeLockedRetryInterval)), clock, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, report.NodeUuid, report.Result.ToString());
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: step report '{Result}' dropped; the node was not waiting on a step (it was {State})")]
    private partial void LogNotWaiting(string node, string result, string state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: applying the step report '{Result}' failed")]
    private partial void LogFailed(Exception e, string node, string result);
}
