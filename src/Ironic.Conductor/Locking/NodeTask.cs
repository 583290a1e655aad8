using Ironic.Conductor.Loading;
using Ironic.Data;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Locking;

/// <summary>
/// Work on one node under a lock (Ironic's <c>TaskManager</c> context), and the task object drivers
/// receive. Disposing it releases an exclusive lock; a shared task holds nothing in the database.
/// </summary>
public sealed class NodeTask : ITaskContext, IAsyncDisposable
{
    private readonly IronicStore store;
    private readonly DriverRegistry? registry;
    private readonly string host;
    private readonly TimeProvider clock;
    private IDriver? driver;
    private bool released;

    internal NodeTask(IronicStore store, DriverRegistry? registry, string host, TimeProvider clock, Node node, bool shared, string purpose,
        IReadOnlyList<Port> ports, IReadOnlyList<Portgroup> portgroups)
    {
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.host = host;
        Node = node;
        Shared = shared;
        Purpose = purpose;
        Ports = ports;
        Portgroups = portgroups;
    }

    public Node Node { get; }

    public IReadOnlyList<Port> Ports { get; }

    public IReadOnlyList<Portgroup> Portgroups { get; }

    /// <summary>The node's driver, built on first use (deleting a node never needs it).</summary>
    public IDriver Driver => driver ??= (registry ?? throw new InvalidOperationException("No driver registry.")).Build(Node);

    public bool Shared { get; }

    public string Purpose { get; }

    /// <summary>Writes every field of the node but its identity and lock (needs the exclusive lock).</summary>
    public async Task SaveNodeAsync(CancellationToken ct)
    {
        if (Shared)
        {
            throw new InvalidOperationException($"Node {Node.Uuid} is held under a shared lock ({Purpose}); saving needs the exclusive lock.");
        }

        Node.UpdatedAt = clock.GetUtcNow();
        await store.Nodes.UpdateAsync(Node, MutableFields, ct).ConfigureAwait(false);
    }

    /// <summary>Releases the lock early (idempotent); disposing does the same.</summary>
    public async Task ReleaseAsync()
    {
        if (released)
        {
            return;
        }

        released = true;
        if (!Shared)
        {
            await store.Reservations.ReleaseAsync(Node.Uuid, host, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync().ConfigureAwait(false);

    // Everything but identity and the lock columns, which only the lock code writes.
    private static readonly string[] MutableFields =
    [
        .. Ironic.Common.Json.IronicJson.Options.GetTypeInfo(typeof(Node)).Properties
            .Where(p => p.Get is not null && p.Name is not ("uuid" or "created_at" or "reservation" or "conductor"))
            .Select(p => p.Name),
    ];
}
