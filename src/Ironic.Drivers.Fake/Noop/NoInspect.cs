namespace Ironic.Drivers.Fake;

/// <summary>No inspection (Ironic's <c>no-inspect</c>): validation and inspection fail.</summary>
[HardwareInterface("no-inspect")]
public sealed class NoInspect : InspectInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task<string?> InspectHardwareAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);
}
