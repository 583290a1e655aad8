using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>
/// One provisioning flow (verify, clean, deploy, teardown, inspect, adopt, rescue): the work a node does
/// in the transient state an API verb moves it to. <see cref="ProvisionActions"/> moves the node and hands
/// the flow a worker that holds the node's lock.
/// </summary>
public abstract class ProvisionFlow
{
    /// <summary>The events (verbs) that start this flow.</summary>
    public abstract IReadOnlyList<ProvisionEvent> Events { get; }

    /// <summary>
    /// Checks the request and plans the work before the node moves, so a refusal (400) leaves the node
    /// where it was; returns the planned steps where the flow has any. Nothing to check by default.
    /// </summary>
    public virtual Task<List<JsonObject>?> PrepareAsync(NodeTask task, ProvisionEvent @event, ProvisionArguments args, CancellationToken ct) =>
        Task.FromResult<List<JsonObject>?>(null);

    /// <summary>The work, on a worker: it ends by finishing, waiting or failing the node through <see cref="FlowRunner"/>.</summary>
    public abstract Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct);
}
