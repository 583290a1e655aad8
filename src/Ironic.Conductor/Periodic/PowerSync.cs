using System.Collections.Concurrent;
using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Data;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
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

    // Nodes are listed a page at a time, so a large fleet is never all in memory at once.
    private const int PageSize = 500;

    /// <summary>One pass over all nodes; returns how many were read successfully.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var read = 0;
        string? marker = null;
        while (true)
        {
            var page = await store.Nodes.ListAsync(new ListQuery
            {
                Filters = [Filter.Eq("maintenance", false), new Filter("reservation", FilterOp.IsNull)],
                Limit = PageSize,
                MarkerUuid = marker,
            }, ct).ConfigureAwait(false);
            await Parallel.ForEachAsync(
                page.Where(n => Syncable(n)),
                new ParallelOptions { MaxDegreeOfParallelism = options.Conductor.SyncPowerStateWorkers, CancellationToken = ct },
                async (node, token) =>
                {
                    if (await SyncAsync(node.Uuid, token).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref read);
                    }
                }).ConfigureAwait(false);
            if (page.Count < PageSize)
            {
                return read;
            }

            marker = page[^1].Uuid;
        }
    }

    private static bool Syncable(Node n) =>
        !n.Maintenance && n.TargetPowerState is null && (n.ProvisionState is null || ProvisionStateMachine.StableStates.Contains(n.ProvisionState));

    /// <summary>
    /// Reads under a shared lock, as Ironic does, so a pass never blocks API requests on nodes whose state
    /// is as recorded; only a node that needs a change is locked exclusively, and re-checked under that lock.
    /// </summary>
    private async Task<bool> SyncAsync(string uuid, CancellationToken ct)
    {
        string? recorded;
        string actual;
        string? failure = null;
        try
        {
            await using var shared = await tasks.AcquireAsync(uuid, "power state sync", shared: true, ct).ConfigureAwait(false);
            recorded = shared.Node.PowerState;
            actual = "";
            try
            {
                var power = shared.Driver.Power;
                await power.ValidateAsync(shared, ct).ConfigureAwait(false);
                actual = await power.GetPowerStateAsync(shared, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = Scrubbed(e, shared.Node);
            }
        }
        catch (NodeNotFound)
        {
            return false;
        }

        if (failure is not null)
        {
            await RecordFailureAsync(uuid, failure, ct).ConfigureAwait(false);
            return false;
        }

        failures.TryRemove(uuid, out _);
        if (actual == recorded)
        {
            return true;
        }

        var task = await ExclusiveAsync(uuid, ct).ConfigureAwait(false);
        if (task is null)
        {
            return true;
        }

        await using (task)
        {
            var node = task.Node;
            if (!Syncable(node) || node.PowerState != recorded)
            {
                // Someone else acted on the node since it was read: their change wins.
                return true;
            }

            try
            {
                if (node.PowerState is null)
                {
                    node.PowerState = actual;
                }
                else if (options.Conductor.ForcePowerStateDuringSync)
                {
                    LogForcing(uuid, actual, node.PowerState);
                    await task.Driver.Power.SetPowerStateAsync(task, node.PowerState, null, ct).ConfigureAwait(false);
                }
                else
                {
                    LogChanged(uuid, node.PowerState, actual);
                    node.PowerState = actual;
                }

                await task.SaveNodeAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await RecordFailureAsync(uuid, Scrubbed(e, node), ct, task).ConfigureAwait(false);
                return false;
            }
        }
    }

    private static string Scrubbed(Exception e, Node node) =>
        Ironic.Common.Validation.Secrets.Scrub(e.Message, node.DriverInfo, node.InstanceInfo);

    private async Task<NodeTask?> ExclusiveAsync(string uuid, CancellationToken ct)
    {
        try
        {
            return await tasks.AcquireAsync(uuid, "power state sync", ct: ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeLocked or NodeNotFound)
        {
            return null;
        }
    }

    /// <summary>Counts a failed read; after too many in a row the node goes into maintenance (fault "power failure").</summary>
    private async Task RecordFailureAsync(string uuid, string error, CancellationToken ct, NodeTask? held = null)
    {
        var count = failures.AddOrUpdate(uuid, 1, (_, n) => n + 1);
        var task = held ?? (count >= Math.Max(1, options.Conductor.PowerStateSyncMaxRetries) ? await ExclusiveAsync(uuid, ct).ConfigureAwait(false) : null);
        var node = task?.Node;
        LogReadFailed(uuid, count, error);
        if (task is null || node is null || count < Math.Max(1, options.Conductor.PowerStateSyncMaxRetries))
        {
            return;
        }

        try
        {
            if (node.Maintenance)
            {
                return;
            }

            node.Maintenance = true;
            node.Fault = "power failure";
            node.MaintenanceReason = $"During sync_power_state, max retries exceeded for node {uuid}, node state {node.PowerState ?? "None"} " +
                $"could not be confirmed: {error}. Switching node to maintenance mode; fix the BMC, then unset maintenance.";
            node.PowerState = null;
            failures.TryRemove(uuid, out _);
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            if (held is null)
            {
                await task.DisposeAsync().ConfigureAwait(false);
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
