using System.Text.Json.Nodes;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Data;
using Microsoft.Extensions.Logging;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>
/// Inspection: out-of-band inspection finishes at once; in-band inspection waits in <c>inspect wait</c> for the
/// ramdisk's data, posted to <c>continue_inspection</c> or fetched by the inspect interface at a heartbeat, and
/// continues here (Ironic's <c>conductor/inspection.py</c>): the interface processes the data, the inventory is
/// stored, the node ends <c>manageable</c>, or <c>inspect failed</c> with the reason.
/// </summary>
public sealed partial class InspectFlow(FlowRunner flows, TaskManager tasks, IronicStore store, ILogger<InspectFlow> log) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Inspect];

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var inspected = await task.Driver.Inspect.InspectHardwareAsync(task, ct).ConfigureAwait(false);
        var waiting = inspected == InspectWait;
        task.Node.InspectionFinishedAt = waiting ? null : flows.Clock.GetUtcNow();
        await flows.FinishAsync(task, waiting ? ProvisionEvent.Wait : ProvisionEvent.Done, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The ramdisk's data for a node in <c>inspect wait</c>: the node resumes (<c>inspecting</c>) under its lock and
    /// the data is processed on a worker. Any other state is answered 404, as Ironic does, so nothing is learnt by probing.
    /// </summary>
    public async Task ContinueAsync(string nodeUuid, JsonObject inventory, JsonObject pluginData, CancellationToken ct)
    {
        var task = await tasks.AcquireAsync(nodeUuid, "continue inspection", ct: ct).ConfigureAwait(false);
        try
        {
            var (state, target) = (task.Node.ProvisionState, task.Node.TargetProvisionState);
            if (state != InspectWait)
            {
                LogRefused(nodeUuid, state ?? "");
                throw new NotFound("Resource could not be found.");
            }

            Resume(task);
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            await flows.SpawnAsync(task, $"continue inspection of node {nodeUuid}", state, target,
                stop => ProcessAsync(task, inventory, pluginData, stop)).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The same for data the inspect interface fetched at a heartbeat (<paramref name="data"/> shaped as the body of
    /// <c>continue_inspection</c>), under the heartbeat's exclusive lock and on its worker.
    /// </summary>
    public async Task ContinueAsync(NodeTask task, JsonObject data, CancellationToken ct)
    {
        if (task.Node.ProvisionState != InspectWait)
        {
            return;
        }

        var pluginData = (JsonObject)data.DeepClone();
        var inventory = pluginData["inventory"] as JsonObject ?? [];
        pluginData.Remove("inventory");
        Resume(task);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        await ProcessAsync(task, inventory, pluginData, ct).ConfigureAwait(false);
    }

    private void Resume(NodeTask task) =>
        flows.Move(task, ProvisionStateMachine.Next(InspectWait, ProvisionEvent.Resume)!, task.Node.TargetProvisionState ?? Manageable);

    private async Task ProcessAsync(NodeTask task, JsonObject inventory, JsonObject pluginData, CancellationToken ct)
    {
        try
        {
            await task.Driver.Inspect.ContinueInspectionAsync(task, inventory, pluginData, ct).ConfigureAwait(false);
            // Logs can be large and are not inspection data (Ironic keeps them apart too).
            pluginData.Remove("logs");
            await store.Inventories.SaveAsync(task.Node.Uuid, inventory, pluginData, flows.Clock.GetUtcNow(), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await flows.FailAsync(task, $"Failed to finish inspection: {e.Message}").ConfigureAwait(false);
            return;
        }

        task.Node.InspectionFinishedAt = flows.Clock.GetUtcNow();
        await flows.FinishAsync(task, ProvisionEvent.Done, ct).ConfigureAwait(false);
        LogInspected(task.Node.Uuid);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Refusing to process inspection data for node {Node} in state {State}")]
    private partial void LogRefused(string node, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Successfully finished inspection of node {Node}")]
    private partial void LogInspected(string node);
}
