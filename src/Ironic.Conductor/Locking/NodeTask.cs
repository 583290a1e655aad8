using Ironic.Data;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Locking;

/// <summary>
/// Work on one node under a lock (Ironic's <c>TaskManager</c> context). Disposing it releases an
/// exclusive lock; a shared task holds nothing in the database.
/// </summary>
public sealed class NodeTask : IAsyncDisposable
{
    private readonly IronicStore store;
    private readonly string host;
    private bool released;

    internal NodeTask(IronicStore store, string host, Node node, bool shared, string purpose)
    {
        this.store = store;
        this.host = host;
        Node = node;
        Shared = shared;
        Purpose = purpose;
    }

    public Node Node { get; private set; }

    /// <summary>True for a shared (read) lock; false when this task holds the node's reservation.</summary>
    public bool Shared { get; }

    public string Purpose { get; }

    /// <summary>The node's ports, loaded on first use.</summary>
    public async Task<IReadOnlyList<Port>> GetPortsAsync(CancellationToken ct = default) =>
        await store.Ports.ListAsync(new ListQuery { Filters = [Filter.Eq("node_uuid", Node.Uuid)], Limit = int.MaxValue }, ct)
            .ConfigureAwait(false);

    /// <summary>Re-reads the node, e.g. after another component changed it.</summary>
    public async Task RefreshAsync(CancellationToken ct = default) =>
        Node = await store.Nodes.GetAsync("uuid", Node.Uuid, ct).ConfigureAwait(false) ?? Node;

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
}
