using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Conductor.Workers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// What every provisioning flow shares: moving the node along <see cref="ProvisionStateMachine"/>,
/// finishing or failing the work, and running it on a worker that owns the node's lock.
/// </summary>
public sealed partial class FlowRunner(WorkerPool workers, IronicOptions options, TimeProvider clock, ILogger<FlowRunner> log)
{
    public IronicOptions Options => options;

    public TimeProvider Clock => clock;

    /// <summary>Sets the node's provision state and target (the caller saves).</summary>
    public void Move(NodeTask task, string to, string? target)
    {
        var node = task.Node;
        LogProvisionState(node.Uuid, node.ProvisionState ?? "", to);
        node.ProvisionState = to;
        node.TargetProvisionState = target;
        node.ProvisionUpdatedAt = clock.GetUtcNow();
        if (to is Drivers.ProvisionState.Inspecting)
        {
            node.InspectionStartedAt = clock.GetUtcNow();
        }
    }

    /// <summary>Follows <paramref name="event"/> (done, wait, ...) from where the node is, clears last_error and saves.</summary>
    public async Task FinishAsync(NodeTask task, ProvisionEvent @event, CancellationToken ct)
    {
        var node = task.Node;
        var to = ProvisionStateMachine.Next(node.ProvisionState!, @event)
            ?? throw new InvalidOperationException($"No '{@event}' transition from {node.ProvisionState}.");
        var resting = ProvisionStateMachine.StableStates.Contains(to);
        Move(task, to, resting ? null : node.TargetProvisionState);
        node.LastError = null;
        if (resting && !options.Deploy.FastTrack)
        {
            // The operation is over, and so is the agent that ran it (Ironic wipes token and URL at the end of each,
            // unless fast track keeps the agent running for the next one).
            Agent.AgentTokens.Wipe(node);
        }

        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Moves the node to the failed state of where it is, with the reason in last_error.</summary>
    public async Task FailAsync(NodeTask task, string error, ProvisionEvent @event = ProvisionEvent.Fail)
    {
        var node = task.Node;
        var to = ProvisionStateMachine.Next(node.ProvisionState!, @event) ?? Drivers.ProvisionState.Error;
        LogProvisionState(node.Uuid, node.ProvisionState ?? "", to);
        ProvisionFailure.Apply(node, to, error, clock.GetUtcNow());
        await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
        LogProvisionFailed(node.Uuid, node.LastError!);
    }

    /// <summary>
    /// Runs a flow on a worker that owns the task (and its lock). Whatever escapes the flow, a database
    /// error or the conductor stopping, fails the node rather than leaving it in a transient state.
    /// When no worker is free, the node goes back to where it was and the caller gets the 503.
    /// </summary>
    public Task SpawnAsync(NodeTask task, string description, string? previousState, string? previousTarget,
        Func<CancellationToken, Task> flow) =>
        workers.HandOffAsync(task, description, async stop =>
        {
            try
            {
                await flow(stop).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await FailAsync(task, e is OperationCanceledException
                    ? $"The operation on node {task.Node.Uuid} was interrupted: its conductor is stopping."
                    : $"The operation on node {task.Node.Uuid} failed unexpectedly: {e.Message}").ConfigureAwait(false);
            }
        },
        undo: node =>
        {
            node.ProvisionState = previousState;
            node.TargetProvisionState = previousTarget;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} moved from provision state {From} to {To}")]
    private partial void LogProvisionState(string node, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning of node {Node} failed: {Error}")]
    private partial void LogProvisionFailed(string node, string error);
}
