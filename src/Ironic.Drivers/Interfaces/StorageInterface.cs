namespace Ironic.Drivers;

/// <summary>Attaching remote volumes to the node, as a deploy interface asks (<c>task.Driver.Storage</c>).</summary>
public abstract class StorageInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Storage;

    /// <summary>Attaches the node's volumes before it is deployed.</summary>
    public abstract Task AttachVolumesAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Detaches them when the instance is torn down.</summary>
    public abstract Task DetachVolumesAsync(ITaskContext task, CancellationToken ct);
}
