using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// BIOS settings kept in <c>driver_internal_info</c> as <c>{"name": "value"}</c> (Ironic's fake BIOS
/// keeps them in its bios_settings table, which drivers here cannot reach). Declares Ironic's three
/// manual clean steps: apply_configuration, factory_reset and cache_bios_settings.
/// </summary>
[HardwareInterface("fake")]
public sealed class FakeBios : BiosInterface
{
    public const string SettingsKey = "fake_bios_settings";

    public override async Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonArray settings, CancellationToken ct)
    {
        var stored = Stored(task);
        foreach (var (name, value) in SettingsByName(settings))
        {
            stored[name] = value?.DeepClone();
        }

        task.Node.DriverInternalInfo[SettingsKey] = stored;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    public override async Task<StepOutcome> FactoryResetAsync(ITaskContext task, CancellationToken ct)
    {
        task.Node.DriverInternalInfo.Remove(SettingsKey);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    /// <summary>The stored settings as <c>[{"name": ..., "value": ...}]</c>.</summary>
    public override Task<JsonArray> CacheBiosSettingsAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(new JsonArray([.. Stored(task).Select(kv => new JsonObject { ["name"] = kv.Key, ["value"] = kv.Value?.DeepClone() })]));

    /// <summary>The apply_configuration clean step: <c>settings</c> is required and must be a list.</summary>
    [CleanStep(Priority = 0, ArgsInfo = ApplyConfigurationArgsInfo)]
    public Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonObject args, CancellationToken ct) => ApplyConfigurationStepAsync(task, args, ct);

    /// <summary>The factory_reset clean step.</summary>
    [CleanStep(Priority = 0)]
    public Task<StepOutcome> FactoryResetAsync(ITaskContext task, JsonObject args, CancellationToken ct) => FactoryResetAsync(task, ct);

    /// <summary>The cache_bios_settings clean step; the conductor stores what <see cref="CacheBiosSettingsAsync(ITaskContext, CancellationToken)"/> reads.</summary>
    [CleanStep(Priority = 0)]
    public async Task<StepOutcome> CacheBiosSettingsAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        await CacheBiosSettingsAsync(task, ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    private static JsonObject Stored(ITaskContext task) =>
        task.Node.DriverInternalInfo[SettingsKey] is JsonObject current ? (JsonObject)current.DeepClone() : [];
}
