namespace Ironic.Drivers.Fake;

/// <summary>Inspection that discovers nothing and succeeds at once (Ironic's fake inspect).</summary>
[HardwareInterface("fake")]
public sealed class FakeInspect : InspectInterface
{
    public override Task<string?> InspectHardwareAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult<string?>(ProvisionState.Manageable);
}
