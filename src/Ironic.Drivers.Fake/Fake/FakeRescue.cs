namespace Ironic.Drivers.Fake;

/// <summary>Rescue that completes at once, without booting a rescue ramdisk (Ironic's fake rescue).</summary>
[HardwareInterface("fake")]
public sealed class FakeRescue : RescueInterface
{
    // Ironic's states.RESCUE; the contract's ProvisionState has no constant for it.
    internal const string Rescue = "rescue";

    public override Task<string?> RescueAsync(ITaskContext task, CancellationToken ct) => Task.FromResult<string?>(Rescue);

    public override Task<string?> UnrescueAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult<string?>(ProvisionState.Active);
}
