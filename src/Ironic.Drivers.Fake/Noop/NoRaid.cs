using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>No RAID (Ironic's <c>no-raid</c>): validation, configuration checks and changes fail.</summary>
[HardwareInterface("no-raid")]
public sealed class NoRaid : RaidInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override void ValidateRaidConfig(ITaskContext task, JsonObject raidConfig) => throw Unsupported.For(task, this);

    public override Task<StepOutcome> CreateConfigurationAsync(
        ITaskContext task, bool createRootVolume, bool createNonRootVolumes, CancellationToken ct) =>
        throw Unsupported.For(task, this);

    public override Task<StepOutcome> DeleteConfigurationAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);
}
