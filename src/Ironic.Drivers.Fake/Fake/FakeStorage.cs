namespace Ironic.Drivers.Fake;

/// <summary>Storage with no volumes to attach (Ironic's fake storage); the image is always written.</summary>
[HardwareInterface("fake")]
public sealed class FakeStorage : StorageInterface
{
    public override Task AttachVolumesAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public override Task DetachVolumesAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;
}
