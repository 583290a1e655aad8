using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>Discovering the node's hardware properties.</summary>
public abstract class InspectInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Inspect;

    /// <summary>Inspects; returns the resulting provision state (<c>manageable</c>, <c>inspect wait</c>) or null.</summary>
    public abstract Task<string?> InspectHardwareAsync(ITaskContext task, CancellationToken ct);

    /// <summary>
    /// Processes what the ramdisk reported in <c>inspect wait</c> (<c>POST /v1/continue_inspection</c>): sets the
    /// node's properties, creates its ports, tears the inspection boot down. The conductor then stores the
    /// inventory and moves the node to <c>manageable</c>; an exception fails the inspection with its message.
    /// <paramref name="pluginData"/> may be changed: the conductor stores it afterwards, as Ironic does.
    /// </summary>
    public virtual Task ContinueInspectionAsync(ITaskContext task, JsonObject inventory, JsonObject pluginData, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Inspect interface {GetType().Name} does not support processing inspection data (node {task?.Node.Uuid}).");

    /// <summary>
    /// Handles a heartbeat of the deploy agent while the node is in <c>inspect wait</c>. An interface that fetched
    /// the inspection data from the agent returns it, shaped as the body of <c>continue_inspection</c>
    /// (<c>inventory</c> plus plugin data), and the conductor processes it as if it had been posted; null otherwise.
    /// </summary>
    public virtual Task<JsonObject?> HeartbeatAsync(ITaskContext task, string callbackUrl, CancellationToken ct) => Task.FromResult<JsonObject?>(null);
}
