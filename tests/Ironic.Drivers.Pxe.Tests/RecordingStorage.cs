namespace Ironic.Drivers.Pxe.Tests;

/// <summary>A storage interface recording into the list its <see cref="RecordingNetwork"/> shares.</summary>
internal sealed class RecordingStorage(List<string> calls) : StorageInterface
{
    public override Task AttachVolumesAsync(ITaskContext task, CancellationToken ct) => RecordingNetwork.Record(calls, "storage.attach_volumes");

    public override Task DetachVolumesAsync(ITaskContext task, CancellationToken ct) => RecordingNetwork.Record(calls, "storage.detach_volumes");
}
