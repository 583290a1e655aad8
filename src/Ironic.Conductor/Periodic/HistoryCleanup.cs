using Ironic.Common.Config;
using Ironic.Data;

namespace Ironic.Conductor.Periodic;

/// <summary>
/// Keeps node history bounded (Ironic's history clean-up): per node, the newest
/// <c>node_history_max_entries</c> events and every event younger than <c>node_history_minimum_days</c> stay.
/// </summary>
public sealed class HistoryCleanup(IronicStore store, IronicOptions options, TimeProvider clock)
{
    /// <summary>Removes one batch of surplus events; returns how many went.</summary>
    public Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Conductor;
        return o.NodeHistoryCleanupBatchCount == 0
            ? Task.FromResult(0)
            : store.PruneHistoryAsync(o.NodeHistoryMaxEntries, clock.GetUtcNow().AddDays(-o.NodeHistoryMinimumDays), o.NodeHistoryCleanupBatchCount, ct);
    }
}
