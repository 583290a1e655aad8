using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// The connections (and so the sessions) kept for reuse, one per address, credentials, TLS check and
/// auth type (Ironic's <c>SessionCache</c>): every interface and every node behind the same BMC and
/// user share one session. Bounded; the least recently used is dropped (and logged out) first.
/// A connection whose credentials were refused is replaced on the next use.
/// </summary>
internal static class RedfishConnectionCache
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<RedfishEndpoint, LinkedListNode<RedfishConnection>> Entries = [];
    private static readonly LinkedList<RedfishConnection> Recent = new();

    public static RedfishConnection Get(RedfishEndpoint endpoint, RedfishOptions options, TimeProvider time, ILogger logger)
    {
        // The system is not part of the key: one session serves every system of a BMC.
        var key = endpoint with { SystemId = null };
        RedfishConnection? evicted = null;
        RedfishConnection connection;
        lock (Gate)
        {
            if (Entries.TryGetValue(key, out var entry) && !entry.Value.Broken)
            {
                Recent.Remove(entry);
                Recent.AddFirst(entry);
                return entry.Value;
            }

            if (entry is not null)
            {
                Recent.Remove(entry);
                Entries.Remove(key);
                evicted = entry.Value;
            }

            connection = new RedfishConnection(key, options, time, logger);
            Entries[key] = Recent.AddFirst(connection);
            // Ironic keeps none with a cache size of 0; one is kept here, so calls never run unauthenticated twice in a row.
            if (Recent.Count > Math.Max(1, options.ConnectionCacheSize) && Recent.Last is { } oldest)
            {
                Recent.RemoveLast();
                Entries.Remove(oldest.Value.Endpoint);
                oldest.Value.Retire();
            }
        }

        evicted?.Retire();
        return connection;
    }

    /// <summary>Drops a connection after a failure that may be its own (a refused login, an unreachable BMC).</summary>
    public static void Evict(RedfishConnection connection)
    {
        lock (Gate)
        {
            if (Entries.TryGetValue(connection.Endpoint, out var entry) && entry.Value == connection)
            {
                Recent.Remove(entry);
                Entries.Remove(connection.Endpoint);
            }
            else
            {
                return;
            }
        }

        connection.Retire();
    }
}
