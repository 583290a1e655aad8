using Ironic.Conductor.Loading;
using Ironic.Common.Validation;
using Ironic.Conductor.Provisioning;
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
    private readonly List<Port> portList;
    private readonly bool journal;
    private NodeJournal.Snapshot saved;
    private readonly StepReports? reports;
    private IDriver? driver;
    private bool released;
    private StepReport? report;

    internal NodeTask(IronicStore store, DriverRegistry? registry, string host, TimeProvider clock, Node node, bool shared, string purpose,
        IReadOnlyList<Port> ports, IReadOnlyList<Portgroup> portgroups, bool journal = true, StepReports? reports = null)
    {
        this.reports = reports;
        this.journal = journal;
        saved = NodeJournal.Snapshot.Of(node);
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.host = host;
        Node = node;
        Shared = shared;
        Purpose = purpose;
        portList = [.. ports];
        Portgroups = portgroups;
    }

    public Node Node { get; }

    public IReadOnlyList<Port> Ports => portList;

    public IReadOnlyList<Portgroup> Portgroups { get; }

    /// <summary>The node's driver, built on first use (deleting a node never needs it).</summary>
    public IDriver Driver => driver ??= (registry ?? throw new InvalidOperationException("No driver registry.")).Build(Node);

    public bool Shared { get; }

    public string Purpose { get; }

    /// <summary>
    /// Writes every field of the node but its identity and lock (needs the exclusive lock), then journals
    /// what changed. The node's secrets are scrubbed from last_error and maintenance_reason here, the one
    /// place every save passes, so no error text written by a flow or driver can carry them.
    /// </summary>
    public async Task SaveNodeAsync(CancellationToken ct)
    {
        if (Shared)
        {
            throw new InvalidOperationException($"Node {Node.Uuid} is held under a shared lock ({Purpose}); saving needs the exclusive lock.");
        }

        ScrubSecrets();
        Node.UpdatedAt = clock.GetUtcNow();
        await store.Nodes.UpdateAsync(Node, MutableFields, ct).ConfigureAwait(false);
        await JournalAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a failure in last_error alone (scrubbed, journaled); allowed under a shared lock too, as Ironic
    /// does for asynchronous vendor methods, whose callers are gone when they fail.
    /// </summary>
    internal async Task SaveLastErrorAsync(string error, CancellationToken ct)
    {
        Node.LastError = error;
        ScrubSecrets();
        Node.UpdatedAt = clock.GetUtcNow();
        await store.Nodes.UpdateAsync(Node, ["last_error", "updated_at"], ct).ConfigureAwait(false);
        await JournalAsync(ct).ConfigureAwait(false);
    }

    private void ScrubSecrets()
    {
        if (Node.LastError is { } error)
        {
            Node.LastError = Secrets.Scrub(error, Node.DriverInfo, Node.InstanceInfo);
        }

        if (Node.MaintenanceReason is { } reason)
        {
            Node.MaintenanceReason = Secrets.Scrub(reason, Node.DriverInfo, Node.InstanceInfo);
        }
    }

    /// <summary>Journals what changed in the node since it was loaded or last journaled (after it was written).</summary>
    internal async Task JournalAsync(CancellationToken ct)
    {
        if (journal)
        {
            foreach (var e in NodeJournal.Changes(saved, Node, Purpose, host, clock.GetUtcNow()))
            {
                await store.History.InsertAsync(e, ct).ConfigureAwait(false);
            }
        }

        saved = NodeJournal.Snapshot.Of(Node);
    }

    /// <summary>Adds an event to the node's history (when history is on); for what a save does not show.</summary>
    public async Task RecordAsync(string eventType, bool error, string text, CancellationToken ct)
    {
        if (journal)
        {
            await store.History.InsertAsync(NodeJournal.Event(Node, host, clock.GetUtcNow(), eventType, error, text), ct).ConfigureAwait(false);
        }
    }

    public async Task<Port> CreatePortAsync(Port port, CancellationToken ct)
    {
        if (Shared)
        {
            throw new InvalidOperationException($"Node {Node.Uuid} is held under a shared lock ({Purpose}); creating a port needs the exclusive lock.");
        }

        port.Uuid = string.IsNullOrEmpty(port.Uuid) ? Guid.NewGuid().ToString() : port.Uuid;
        port.NodeUuid = Node.Uuid;
        port.CreatedAt = clock.GetUtcNow();
        var created = await store.Ports.InsertAsync(port, ct).ConfigureAwait(false);
        portList.Add(created);
        return created;
    }

    public async Task NodePowerActionAsync(string target, CancellationToken ct)
    {
        Node.PowerState = await Driver.Power.ChangePowerStateAsync(this, target, null, ct).ConfigureAwait(false);
        Node.TargetPowerState = null;
        Agent.AgentTokens.WipeOnPowerOff(Node, target);
        await SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public void ReportStep(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsDone && !result.IsFailed)
        {
            return;
        }

        // The step it is about is fixed now, so a late or repeated report cannot end a later step.
        report = StepReport.Of(Node, result);
    }

    /// <summary>Releases the lock early (idempotent); disposing does the same. A step report is handed on after the release.</summary>
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

        if (report is { } r)
        {
            report = null;
            if (reports is null)
            {
                throw new InvalidOperationException($"Node {Node.Uuid}: a step was reported on a task that cannot continue steps.");
            }

            reports.Post(r);
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
