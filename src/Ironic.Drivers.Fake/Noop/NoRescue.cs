namespace Ironic.Drivers.Fake;

/// <summary>No rescue (Ironic's <c>no-rescue</c>): validation, rescue and unrescue fail; clean-up has nothing to do.</summary>
[HardwareInterface("no-rescue")]
public sealed class NoRescue : RescueInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task<string?> RescueAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task<string?> UnrescueAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);
}
