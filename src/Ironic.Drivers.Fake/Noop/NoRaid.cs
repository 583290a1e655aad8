namespace Ironic.Drivers.Fake;

/// <summary>No RAID (Ironic's <c>no-raid</c>): validation fails.</summary>
[HardwareInterface("no-raid")]
public sealed class NoRaid : RaidInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);
}
