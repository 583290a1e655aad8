using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ironic.Drivers;

namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>
/// A deploy interface that cleans as an agent-based one does: preparing cleaning "boots a ramdisk" and waits;
/// its clean steps are the names in <c>driver_internal_info.test_ramdisk_steps</c> (name to priority), known only
/// once the test puts them there, as an agent's first heartbeat would; each such step waits for a report.
/// It counts preparations and tear-downs per node.
/// </summary>
[HardwareInterface("test-ramdisk-deploy")]
public sealed class RamdiskCleanDeploy : DeployInterface
{
    public const string StepsKey = "test_ramdisk_steps";

    public static ConcurrentDictionary<string, int> Prepared { get; } = new();

    public static ConcurrentDictionary<string, int> TornDown { get; } = new();

    public override Task<string?> TearDownAsync(ITaskContext task, CancellationToken ct) => Task.FromResult<string?>(null);

    public override Task<StepOutcome> PrepareCleaningAsync(ITaskContext task, CancellationToken ct)
    {
        Prepared.AddOrUpdate(task.Node.Uuid, 1, (_, n) => n + 1);
        return Task.FromResult(StepOutcome.Wait);
    }

    public override Task TearDownCleaningAsync(ITaskContext task, CancellationToken ct)
    {
        TornDown.AddOrUpdate(task.Node.Uuid, 1, (_, n) => n + 1);
        task.Node.DriverInternalInfo.Remove(StepsKey);
        return Task.CompletedTask;
    }

    public override bool HasRamdiskSteps(ITaskContext task) => task.Node.DriverInternalInfo[StepsKey] is null;

    public override IReadOnlyList<StepInfo> GetCleanSteps(ITaskContext task) =>
        task.Node.DriverInternalInfo[StepsKey] is JsonObject steps
            ? [.. steps.Select(kv => new StepInfo(Kind, kv.Key, kv.Value!.GetValue<int>(), true, null, RequiresRamdisk: true))]
            : [];

    public override Task<StepOutcome> ExecuteCleanStepAsync(ITaskContext task, StepInfo step, JsonObject args, CancellationToken ct) =>
        Task.FromResult(StepOutcome.Wait);
}
