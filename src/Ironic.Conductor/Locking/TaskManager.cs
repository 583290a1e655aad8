using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Common.Validation;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Locking;

/// <summary>
/// Acquires nodes for work. An exclusive lock is the database compare-and-set of the node's
/// reservation to this conductor's host name; on contention it retries
/// <c>[conductor] node_locked_retry_attempts</c> times, <c>node_locked_retry_interval</c> apart, then
/// answers <see cref="NodeLocked"/> naming the holder, its purpose and how long it has held the node.
/// </summary>
public sealed partial class TaskManager(IronicStore store, DriverRegistry? registry, IronicOptions options, TimeProvider clock, ILogger<TaskManager> log,
    Provisioning.StepReports? reports = null)
{
    public string Host => options.Default.Host;

    /// <summary>
    /// Acquires <paramref name="nodeIdent"/> (UUID or name); exclusive unless <paramref name="shared"/>. Without
    /// <paramref name="retry"/>, a node locked by other work answers <see cref="NodeLocked"/> at once (periodic work skips it).
    /// </summary>
    public async Task<NodeTask> AcquireAsync(string nodeIdent, string purpose, bool shared = false, CancellationToken ct = default, bool retry = true)
    {
        var node = await FindAsync(nodeIdent, ct).ConfigureAwait(false);
        if (shared)
        {
            var (ports, groups) = await PortsAsync(node.Uuid, ct).ConfigureAwait(false);
            return new NodeTask(store, registry, Host, clock, node, shared: true, purpose, ports, groups, options.Conductor.NodeHistory, reports);
        }

        var attempts = retry ? Math.Max(1, options.Conductor.NodeLockedRetryAttempts) : 1;
        var interval = TimeSpan.FromSeconds(options.Conductor.NodeLockedRetryInterval);
        Reservation? holder = null;
        var freeRetries = 3;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            holder = await store.Reservations.TryReserveAsync(node.Uuid, Host, purpose, clock.GetUtcNow(), ct).ConfigureAwait(false);
            if (holder is null)
            {
                // Re-read under the lock: what we loaded before may have changed until we held it.
                try
                {
                    var locked = await store.Nodes.GetAsync("uuid", node.Uuid, ct).ConfigureAwait(false) ?? throw new NodeNotFound(nodeIdent);
                    var (ports, groups) = await PortsAsync(node.Uuid, ct).ConfigureAwait(false);
                    LogAcquired(node.Uuid, purpose);
                    return new NodeTask(store, registry, Host, clock, locked, shared: false, purpose, ports, groups, options.Conductor.NodeHistory, reports);
                }
                catch
                {
                    await store.Reservations.ReleaseAsync(node.Uuid, Host, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }

            if (holder.Host.Length == 0 && freeRetries-- > 0)
            {
                attempt--;
                continue;
            }

            if (attempt < attempts)
            {
                await Task.Delay(interval, clock, ct).ConfigureAwait(false);
            }
        }

        var heldFor = holder!.Since is { } since ? clock.GetUtcNow() - since : (TimeSpan?)null;
        LogLocked(node.Uuid, holder.Host, holder.Purpose ?? "");
        throw new NodeLocked(node.Uuid, holder.Host, holder.Purpose, heldFor,
            retryAfterSeconds: Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds)));
    }

    private async Task<(IReadOnlyList<Drivers.Objects.Port>, IReadOnlyList<Drivers.Objects.Portgroup>)> PortsAsync(string nodeUuid, CancellationToken ct)
    {
        var q = new ListQuery { Filters = [Filter.Eq("node_uuid", nodeUuid)], Limit = int.MaxValue };
        return (await store.Ports.ListAsync(q, ct).ConfigureAwait(false), await store.Portgroups.ListAsync(q, ct).ConfigureAwait(false));
    }

    private async Task<Drivers.Objects.Node> FindAsync(string ident, CancellationToken ct)
    {
        var node = Identifiers.IsUuidLike(ident)
            ? await store.Nodes.GetAsync("uuid", Identifiers.NormalizeUuid(ident), ct).ConfigureAwait(false)
            : await store.Nodes.GetAsync("name", ident, ct).ConfigureAwait(false);
        return node ?? throw new NodeNotFound(ident);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} locked for {Purpose}")]
    private partial void LogAcquired(string node, string purpose);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is locked by {Holder} ({Purpose}); giving up")]
    private partial void LogLocked(string node, string holder, string purpose);
}
