using System.Collections.Concurrent;
using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Periodic;

/// <summary>
/// Reads every node's power state through its driver, with bounded parallelism
/// (<c>[conductor] sync_power_state_workers</c>), and records changes. With
/// <c>force_power_state_during_sync</c> the recorded state is pushed back onto the hardware instead.
/// A node whose BMC fails <c>power_state_sync_max_retries</c> times in a row goes into maintenance
/// with fault <c>power failure</c>. Nodes in maintenance, locked, or mid-operation are skipped.
/// </summary>
public sealed partial class PowerSync(IronicStore store, TaskManager tasks, IronicOptions options, ILogger<PowerSync> log)
{
    private readonly ConcurrentDictionary<string, int> failures = new(StringComparer.Ordinal);

    /// <summary>One pass over all nodes; returns how many were read successfully.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var nodes = await store.Nodes.ListAsync(new ListQuery
        {
            Filters = [Filter.Eq("maintenance", false), new Filter("reservation", FilterOp.IsNull)],
            Limit = int.MaxValue,
        }, ct).ConfigureAwait(false);
        var read = 0;
        await Parallel.ForEachAsync(
            nodes.Where(n => n.ProvisionState is null || ProvisionStateMachine.StableStates.Contains(n.ProvisionState)),
            new ParallelOptions { MaxDegreeOfParallelism = options.Conductor.SyncPowerStateWorkers, CancellationToken = ct },
            async (node, token) =>
            {
                if (await SyncAsync(node.Uuid, token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref read);
                }
            }).ConfigureAwait(false);
        return read;
    }

    private async Task<bool> SyncAsync(string uuid, CancellationToken ct)
    {
        NodeTask task;
        try
        {
            task = await tasks.AcquireAsync(uuid, "power state sync", ct: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeLocked or NodeNotFound)
        {
            return false;
        }

        await using (task)
        {
            var node = task.Node;
            try
            {
                var power = task.Driver.Power;
                await power.ValidateAsync(task, ct).ConfigureAwait(false);
                var actual = await power.GetPowerStateAsync(task, ct).ConfigureAwait(false);
                failures.TryRemove(uuid, out _);
                if (node.PowerState is null)
                {
                    node.PowerState = actual;
                    await task.SaveNodeAsync(ct).ConfigureAwait(false);
                }
                else if (actual != node.PowerState)
                {
                    if (options.Conductor.ForcePowerStateDuringSync)
                    {
                        LogForcing(uuid, actual, node.PowerState);
                        await power.SetPowerStateAsync(task, node.PowerState, null, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        LogChanged(uuid, node.PowerState, actual);
                        node.PowerState = actual;
                    }

                    await task.SaveNodeAsync(ct).ConfigureAwait(false);
                }

                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var count = failures.AddOrUpdate(uuid, 1, (_, n) => n + 1);
                var error = Ironic.Common.Validation.Secrets.Scrub(e.Message, node.DriverInfo, node.InstanceInfo);
                LogReadFailed(uuid, count, error);
                if (count >= Math.Max(1, options.Conductor.PowerStateSyncMaxRetries))
                {
                    node.Maintenance = true;
                    node.Fault = "power failure";
                    node.MaintenanceReason = $"During sync_power_state, max retries exceeded for node {uuid}, node state {node.PowerState ?? "None"} " +
                        $"could not be confirmed: {error}. Switching node to maintenance mode; fix the BMC, then unset maintenance.";
                    node.PowerState = null;
                    failures.TryRemove(uuid, out _);
                    await task.SaveNodeAsync(ct).ConfigureAwait(false);
                }

                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Power state of node {Node} could not be read ({Count} in a row): {Error}")]
    private partial void LogReadFailed(string node, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} is {Actual} but should be {Recorded}; forcing it back")]
    private partial void LogForcing(string node, string actual, string recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} changed power state from {Recorded} to {Actual} outside Ironic")]
    private partial void LogChanged(string node, string recorded, string actual);
}
