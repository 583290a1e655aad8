using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// RAID that "builds" exactly what was asked for: <c>raid_config</c> becomes the logical disks of
/// <c>target_raid_config</c> that the call selects, and deleting clears it (Ironic's fake RAID
/// does nothing; recording the result lets clients see the usual outcome).
/// </summary>
[HardwareInterface("fake")]
public sealed class FakeRaid : RaidInterface
{
    public async Task<StepOutcome> CreateConfigurationAsync(
        ITaskContext task, bool createRootVolume, bool createNonRootVolumes, CancellationToken ct)
    {
        var disks = new JsonArray();
        if (task.Node.TargetRaidConfig["logical_disks"] is JsonArray target)
        {
            foreach (var disk in target)
            {
                var isRoot = disk?["is_root_volume"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
                if (isRoot ? createRootVolume : createNonRootVolumes)
                {
                    disks.Add(disk?.DeepClone());
                }
            }
        }

        task.Node.RaidConfig = new JsonObject { ["logical_disks"] = disks };
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    public async Task<StepOutcome> DeleteConfigurationAsync(ITaskContext task, CancellationToken ct)
    {
        task.Node.RaidConfig = [];
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }
}
