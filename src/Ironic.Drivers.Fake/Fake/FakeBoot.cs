namespace Ironic.Drivers.Fake;

/// <summary>Boot that needs nothing and prepares nothing (Ironic's fake boot).</summary>
[HardwareInterface("fake")]
public sealed class FakeBoot : BootInterface
{
    public override Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct) =>
        Task.CompletedTask;

    public override Task CleanUpRamdiskAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public override Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public override Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;
}
