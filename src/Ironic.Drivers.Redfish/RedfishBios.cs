using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// BIOS settings through the system's Bios resource (Ironic's <c>redfish</c> bios). Changes go to
/// the settings object (applied on reset where the BMC says so); the node is then rebooted so the
/// BMC applies them, and the step ends when the attributes read back as requested. Both changes
/// are manual clean steps and deploy steps.
/// </summary>
[HardwareInterface("redfish")]
public sealed class RedfishBios : BiosInterface
{
    private readonly RedfishRuntime runtime;

    public RedfishBios(IDriverServices services) => runtime = new RedfishRuntime(services, typeof(RedfishBios).FullName!);

    public override IReadOnlyDictionary<string, string> GetProperties() => RedfishDriverInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        runtime.Parse(task);
        return Task.CompletedTask;
    }

    public override async Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonArray settings, CancellationToken ct)
    {
        var requested = SettingsByName(settings);
        var bmc = runtime.Connect(task);
        var bios = await BiosAsync(task, bmc, "apply configuration", ct).ConfigureAwait(false);
        var redfishSettings = bios["@Redfish.Settings"];
        var settingsObject = RedfishBmc.Link(redfishSettings, "SettingsObject")
            ?? throw new RedfishError($"Redfish BIOS apply configuration failed for node {task.Node.Uuid}: the BMC offers no BIOS settings object.");
        var change = new JsonObject { ["Attributes"] = requested.DeepClone() };
        if (redfishSettings?["SupportedApplyTimes"] is JsonArray times && times.Any(t => t?.ToString() == "OnReset"))
        {
            change["@Redfish.SettingsApplyTime"] = new JsonObject { ["ApplyTime"] = "OnReset" };
        }

        try
        {
            await bmc.PatchAsync(settingsObject, change, ct).ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Redfish BIOS apply configuration failed for node {task.Node.Uuid}. Error: {e.Message}", e.Status, e);
        }

        await RebootAsync(task, ct).ConfigureAwait(false);
        var notUpdated = await VerifyAsync(bmc, RedfishBmc.Link(bios) ?? settingsObject, requested, ct).ConfigureAwait(false);
        if (notUpdated.Count > 0)
        {
            throw new RedfishError($"Redfish BIOS apply_configuration step failed for node {task.Node.Uuid}. Attributes {notUpdated.ToJsonString()} are not updated.");
        }

        return StepOutcome.Done;
    }

    public override async Task<StepOutcome> FactoryResetAsync(ITaskContext task, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        var bios = await BiosAsync(task, bmc, "factory reset", ct).ConfigureAwait(false);
        var target = bios["Actions"]?["#Bios.ResetBios"]?["target"]?.ToString()
            ?? throw new RedfishError($"Redfish BIOS factory reset failed for node {task.Node.Uuid}: the BMC offers no Bios.ResetBios action.");
        try
        {
            try
            {
                await bmc.PostAsync(target, null, ct).ConfigureAwait(false);
            }
            catch (RedfishError e) when (e.Status is 400 or 415)
            {
                // Some BMCs want a body, even an empty one (sushy retries the same way).
                await bmc.PostAsync(target, [], ct).ConfigureAwait(false);
            }
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Redfish BIOS factory reset failed for node {task.Node.Uuid}. Error: {e.Message}", e.Status, e);
        }

        await RebootAsync(task, ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    /// <summary>
    /// The current attributes as <c>[{"name", "value"}]</c>; with the BMC's attribute registry, each
    /// also carries attribute_type, allowable_values, bounds, lengths, read_only, reset_required and unique.
    /// </summary>
    public override async Task<JsonArray> CacheBiosSettingsAsync(ITaskContext task, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        if (RedfishBmc.Link(system, "Bios") is not { } link)
        {
            throw new UnsupportedDriverExtension($"Cannot fetch BIOS attributes for node {task.Node.Uuid}, BIOS settings are not supported.");
        }

        var bios = await bmc.GetAsync(link, ct).ConfigureAwait(false);
        var registry = await new RedfishBiosRegistry(bmc, runtime.Logger).ReadAsync(bios, ct).ConfigureAwait(false);
        var result = new JsonArray();
        foreach (var (name, value) in bios["Attributes"] as JsonObject ?? [])
        {
            var setting = new JsonObject { ["name"] = name, ["value"] = value?.DeepClone() };
            if (registry.TryGetValue(name, out var entry))
            {
                foreach (var (field, fieldValue) in entry)
                {
                    setting[field] = fieldValue?.DeepClone();
                }
            }

            result.Add(setting);
        }

        return result;
    }

    [CleanStep(Priority = 0, ArgsInfo = ApplyConfigurationArgsInfo, RequiresRamdisk = false)]
    [DeployStep(Priority = 0, ArgsInfo = ApplyConfigurationArgsInfo)]
    public Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonObject args, CancellationToken ct) => ApplyConfigurationStepAsync(task, args, ct);

    [CleanStep(Priority = 0, RequiresRamdisk = false)]
    [DeployStep(Priority = 0)]
    public Task<StepOutcome> FactoryResetAsync(ITaskContext task, JsonObject args, CancellationToken ct) => FactoryResetAsync(task, ct);

    private static async Task<JsonObject> BiosAsync(ITaskContext task, RedfishBmc bmc, string what, CancellationToken ct)
    {
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var link = RedfishBmc.Link(system, "Bios")
            ?? throw new RedfishError($"Redfish BIOS {what} failed for node {task.Node.Uuid}, because BIOS settings are not supported.");
        return await bmc.GetAsync(link, ct).ConfigureAwait(false);
    }

    /// <summary>The BMC applies pending settings when the machine boots, so the step reboots it (as Ironic's reboot_to_finish_step).</summary>
    private static Task RebootAsync(ITaskContext task, CancellationToken ct) => task.NodePowerActionAsync(PowerState.Rebooting, ct);

    /// <summary>Reads the attributes until every requested one shows, within the power state change timeout; returns those that did not.</summary>
    private async Task<JsonObject> VerifyAsync(RedfishBmc bmc, string biosLink, JsonObject requested, CancellationToken ct)
    {
        var deadline = runtime.Time.GetUtcNow() + runtime.Options.PowerStateChangeTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var current = (await bmc.GetAsync(biosLink, ct).ConfigureAwait(false))["Attributes"] as JsonObject ?? [];
            var notUpdated = new JsonObject();
            foreach (var (name, value) in requested)
            {
                if (!JsonNode.DeepEquals(value, current[name]) && value?.ToString() != current[name]?.ToString())
                {
                    notUpdated[name] = value?.DeepClone();
                }
            }

            if (notUpdated.Count == 0 || runtime.Time.GetUtcNow() + delay > deadline)
            {
                return notUpdated;
            }

            await Task.Delay(delay, runtime.Time, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }
}
