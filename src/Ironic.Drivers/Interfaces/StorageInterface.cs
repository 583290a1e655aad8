namespace Ironic.Drivers;

/// <summary>Attaching remote volumes to the node.</summary>
public abstract class StorageInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Storage;

    public abstract Task AttachVolumesAsync(ITaskContext task, CancellationToken ct);

    public abstract Task DetachVolumesAsync(ITaskContext task, CancellationToken ct);

    /// <summary>False when the node boots from a volume and no image is written.</summary>
    public virtual bool ShouldWriteImage(ITaskContext task) => true;
}
