using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Provisioning.Flows;
using Ironic.Conductor.States;
using Ironic.Drivers;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// Provision state changes asked through the API: the verb is checked against the state table under the
/// node's exclusive lock, the node moves to the transient state, and the verb's flow runs on a worker
/// that keeps the lock until the node rests again (or waits for a callback).
/// </summary>
public sealed class ProvisionActions
{
    // API verb -> state machine event.
    private static readonly Dictionary<string, ProvisionEvent> VerbEvents = new(StringComparer.Ordinal)
    {
        ["manage"] = ProvisionEvent.Manage, ["provide"] = ProvisionEvent.Provide, ["clean"] = ProvisionEvent.Clean,
        ["inspect"] = ProvisionEvent.Inspect, ["active"] = ProvisionEvent.Deploy, ["deploy"] = ProvisionEvent.Deploy,
        ["rebuild"] = ProvisionEvent.Rebuild, ["deleted"] = ProvisionEvent.Delete, ["undeploy"] = ProvisionEvent.Delete,
        ["abort"] = ProvisionEvent.Abort, ["adopt"] = ProvisionEvent.Adopt, ["rescue"] = ProvisionEvent.Rescue,
        ["unrescue"] = ProvisionEvent.Unrescue,
    };

    private static readonly ProvisionEvent[] RefusedInMaintenance =
    [
        ProvisionEvent.Deploy, ProvisionEvent.Rebuild, ProvisionEvent.Provide, ProvisionEvent.Clean, ProvisionEvent.Inspect,
        ProvisionEvent.Adopt, ProvisionEvent.Rescue, ProvisionEvent.Unrescue,
    ];

    private readonly TaskManager tasks;
    private readonly FlowRunner flows;
    private readonly StepRunner steps;
    private readonly Dictionary<ProvisionEvent, ProvisionFlow> byEvent = [];

    public ProvisionActions(TaskManager tasks, FlowRunner flows, StepRunner steps, IEnumerable<ProvisionFlow> all)
    {
        this.tasks = tasks;
        this.flows = flows;
        this.steps = steps;
        foreach (var flow in all)
        {
            foreach (var e in flow.Events)
            {
                byEvent.Add(e, flow);
            }
        }
    }

    public async Task DoProvisioningActionAsync(string nodeUuid, string verb, ProvisionArguments args, CancellationToken ct)
    {
        if (!VerbEvents.TryGetValue(verb, out var @event))
        {
            throw new InvalidParameterValue($"Unknown provision action {verb}.");
        }

        var task = await tasks.AcquireAsync(nodeUuid, $"provision action {verb}", ct: ct).ConfigureAwait(false);
        try
        {
            var node = task.Node;
            var from = node.ProvisionState ?? Available;
            if (@event == ProvisionEvent.Abort)
            {
                await AbortAsync(task, from).ConfigureAwait(false);
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var to = ProvisionStateMachine.Next(from, @event) ?? throw new Invalid(
                $"The requested action \"{verb}\" can not be performed on node \"{node.Uuid}\" while it is in state \"{from}\".");
            if (node.Maintenance && RefusedInMaintenance.Contains(@event))
            {
                throw new Invalid($"The {verb} operation can't be performed on node {node.Uuid} because it's in maintenance mode.");
            }

            if (node.Retired && @event == ProvisionEvent.Provide)
            {
                throw new Invalid($"The provide operation can't be performed on node {node.Uuid} because it is retired.");
            }

            if (node.Protected && @event is ProvisionEvent.Delete or ProvisionEvent.Rebuild)
            {
                throw new NodeProtected(node.Uuid);
            }

            var stable = ProvisionStateMachine.StableStates.Contains(to);
            var flow = stable ? null : byEvent[@event];
            var plan = flow is null ? null : await flow.PrepareAsync(task, @event, args, ct).ConfigureAwait(false);
            var (previousState, previousTarget) = (node.ProvisionState, node.TargetProvisionState);
            // A move between resting states (e.g. available to manageable) has no work and no target.
            flows.Move(task, to, stable ? null : ProvisionStateMachine.TargetOf(to) ?? (@event == ProvisionEvent.Clean ? Manageable : Available));
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            if (flow is null)
            {
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            await flows.SpawnAsync(task, $"{verb} of node {nodeUuid}", previousState, previousTarget,
                stop => RunAsync(flow, task, @event, plan, stop)).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task ContinueNodeCleanAsync(string nodeUuid, CancellationToken ct) => steps.ContinueAsync(nodeUuid, deploy: false, null, ct);

    public Task ContinueNodeDeployAsync(string nodeUuid, CancellationToken ct) => steps.ContinueAsync(nodeUuid, deploy: true, null, ct);

    private async Task RunAsync(ProvisionFlow flow, NodeTask task, ProvisionEvent @event, List<System.Text.Json.Nodes.JsonObject>? plan,
        CancellationToken ct)
    {
        try
        {
            await flow.RunAsync(task, @event, plan, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await flows.FailAsync(task, $"Failed to {@event.ToString().ToLowerInvariant()} node {task.Node.Uuid}: {e.Message}").ConfigureAwait(false);
        }
    }

    private async Task AbortAsync(NodeTask task, string from)
    {
        var node = task.Node;
        if (!ProvisionStateMachine.Allows(from, ProvisionEvent.Abort))
        {
            throw new Invalid($"The requested action \"abort\" can not be performed on node \"{node.Uuid}\" while it is in state \"{from}\".");
        }

        if (from == CleanWait && node.CleanStep.Count > 0 && node.CleanStep["abortable"]?.GetValue<bool>() != true)
        {
            throw new Invalid($"The current clean step {node.CleanStep["interface"]}.{node.CleanStep["step"]} of node {node.Uuid} cannot be aborted.");
        }

        var step = from == CleanWait && node.CleanStep.Count > 0 ? $" on step {node.CleanStep["interface"]}.{node.CleanStep["step"]}" : "";
        var error = $"By request, the {from} operation was aborted for node {node.Uuid}{step}.";
        if (from == CleanWait)
        {
            // The agent booted for cleaning goes down with it.
            await steps.FailCleaningAsync(task, error, ProvisionEvent.Abort).ConfigureAwait(false);
            return;
        }

        await flows.FailAsync(task, error, ProvisionEvent.Abort).ConfigureAwait(false);
    }
}
