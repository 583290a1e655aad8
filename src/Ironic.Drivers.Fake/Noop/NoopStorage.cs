namespace Ironic.Drivers.Fake;

/// <summary>No remote volumes (Ironic's <c>noop</c> storage): the node boots from its own disk.</summary>
[HardwareInterface("noop")]
public sealed class NoopStorage : StorageInterface
{
    public override Task AttachVolumesAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public override Task DetachVolumesAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;
}
