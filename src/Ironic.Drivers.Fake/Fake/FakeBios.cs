using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// BIOS settings kept in <c>driver_internal_info</c> as <c>{"name": "value"}</c> (Ironic's fake BIOS
/// keeps them in its bios_settings table, which drivers here cannot reach). Declares Ironic's three
/// manual clean steps: apply_configuration, factory_reset and cache_bios_settings.
/// With <c>[fake] bios_delay</c> (seconds, as Ironic's fake delays) the two changing steps behave like a
/// BMC's BIOS job: the step starts the job and waits (<c>clean wait</c>), and a periodic task polls it
/// every <c>[fake] bios_job_poll_interval</c> seconds, applies the settings when the job is due and reports
/// the step done, the way the Redfish BIOS interface follows a BMC's task.
/// </summary>
[HardwareInterface("fake")]
public sealed class FakeBios : BiosInterface
{
    public const string SettingsKey = "fake_bios_settings";

    /// <summary>A running simulated BIOS job: <c>{"due": unix seconds, "settings": [...] or null for a factory reset}</c>.</summary>
    public const string JobKey = "fake_bios_job";

    private readonly TimeProvider time;
    private readonly double delay;

    /// <summary>No delay: steps finish at once.</summary>
    public FakeBios()
        : this(TimeProvider.System, 0)
    {
    }

    public FakeBios(IDriverServices services)
        : this(services.Time, services.Config.Float("fake", "bios_delay", 0, min: 0))
    {
        // Read here so the option is known at start-up; the periodic task reads it through its SpacingOption.
        _ = services.Config.Int("fake", "bios_job_poll_interval", DefaultPollInterval, min: 0);
    }

    private FakeBios(TimeProvider time, double delay)
    {
        this.time = time;
        this.delay = delay;
    }

    private const int DefaultPollInterval = 5;

    private const string SettingsArgsInfo = """{"settings": {"description": "A list of BIOS settings to apply, each an object with a name and a value.", "required": true}}""";

    public override async Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonArray settings, CancellationToken ct)
    {
        Apply(task, settings);
        return await FinishOrWaitAsync(task, settings, ct).ConfigureAwait(false);
    }

    public override Task<StepOutcome> FactoryResetAsync(ITaskContext task, CancellationToken ct) => FinishOrWaitAsync(task, null, ct);

    /// <summary>Polls the node's simulated BIOS job; once due, applies it and reports the waiting step done.</summary>
    [DriverPeriodicTask(DefaultPollInterval, SpacingOption = "fake.bios_job_poll_interval",
        ProvisionStates = [ProvisionState.CleanWait, ProvisionState.DeployWait], Shared = false)]
    public async Task PollBiosJobAsync(ITaskContext task, CancellationToken ct)
    {
        if (task.Node.DriverInternalInfo[JobKey] is not JsonObject job)
        {
            return;
        }

        if (job["due"]?.GetValue<long>() > time.GetUtcNow().ToUnixTimeSeconds())
        {
            task.ReportStep(StepResult.StillWaiting);
            return;
        }

        await CompleteAsync(task, job["settings"] as JsonArray, ct).ConfigureAwait(false);
        task.ReportStep(StepResult.Done);
    }

    // With a delay the change becomes a job the periodic task completes; without, it happens now.
    private async Task<StepOutcome> FinishOrWaitAsync(ITaskContext task, JsonArray? settings, CancellationToken ct)
    {
        if (delay <= 0)
        {
            await CompleteAsync(task, settings, ct).ConfigureAwait(false);
            return StepOutcome.Done;
        }

        task.Node.DriverInternalInfo[JobKey] = new JsonObject
        {
            ["due"] = time.GetUtcNow().AddSeconds(delay).ToUnixTimeSeconds(),
            ["settings"] = settings?.DeepClone(),
        };
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Wait;
    }

    private static async Task CompleteAsync(ITaskContext task, JsonArray? settings, CancellationToken ct)
    {
        task.Node.DriverInternalInfo.Remove(JobKey);
        if (settings is null)
        {
            task.Node.DriverInternalInfo.Remove(SettingsKey);
        }
        else
        {
            task.Node.DriverInternalInfo[SettingsKey] = Apply(task, settings);
        }

        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    // The stored settings with these applied; an invalid one throws before anything changes.
    private static JsonObject Apply(ITaskContext task, JsonArray settings)
    {
        var stored = Stored(task);
        foreach (var setting in settings)
        {
            if (setting is not JsonObject s || s["name"] is not JsonValue name || name.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                throw new InvalidParameterValue($"Invalid BIOS setting {setting?.ToJsonString() ?? "null"}: each setting needs a name and a value.");
            }

            stored[name.GetValue<string>()] = s["value"]?.DeepClone();
        }

        return stored;
    }

    /// <summary>The stored settings as <c>[{"name": ..., "value": ...}]</c>.</summary>
    public override Task<JsonArray> CacheBiosSettingsAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(new JsonArray([.. Stored(task).Select(kv => new JsonObject { ["name"] = kv.Key, ["value"] = kv.Value?.DeepClone() })]));

    /// <summary>The apply_configuration clean step: <c>settings</c> is required and must be a list.</summary>
    [CleanStep(Priority = 0, ArgsInfo = SettingsArgsInfo)]
    public Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonObject args, CancellationToken ct) =>
        // Faulted tasks, not throws: steps are invoked by reflection, which would wrap a synchronous throw.
        args["settings"] switch
        {
            JsonArray settings => ApplyConfigurationAsync(task, settings, ct),
            null => Task.FromException<StepOutcome>(new MissingParameterValue("Step apply_configuration requires the argument 'settings'.")),
            var other => Task.FromException<StepOutcome>(
                new InvalidParameterValue($"The argument 'settings' of apply_configuration must be a list, not {other.ToJsonString()}.")),
        };

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
