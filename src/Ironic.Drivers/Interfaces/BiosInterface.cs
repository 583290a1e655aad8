using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>
/// BIOS settings of the node. The host reads the settings with <see cref="CacheBiosSettingsAsync"/> to store
/// them; changes run as steps an implementation declares, whose bodies call <see cref="ApplyConfigurationAsync"/>
/// and <see cref="FactoryResetAsync"/>:
/// <code>
/// [CleanStep(Priority = 0, ArgsInfo = ApplyConfigurationArgsInfo, RequiresRamdisk = false)]
/// public Task&lt;StepOutcome&gt; ApplyConfigurationAsync(ITaskContext task, JsonObject args, CancellationToken ct) =&gt;
///     ApplyConfigurationStepAsync(task, args, ct);
/// </code>
/// </summary>
public abstract class BiosInterface : BaseInterface
{
    /// <summary>The <c>argsinfo</c> of an <c>apply_configuration</c> step, as Ironic's: one required argument, <c>settings</c>.</summary>
    public const string ApplyConfigurationArgsInfo =
        """{"settings": {"description": "A list of BIOS settings to be applied, each an object with a name and a value.", "required": true}}""";

    public sealed override string Kind => InterfaceKind.Bios;

    /// <summary>Applies <paramref name="settings"/>, a list of <c>{"name": ..., "value": ...}</c> (see <see cref="SettingsByName"/>).</summary>
    public abstract Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonArray settings, CancellationToken ct);

    /// <summary>Restores the BIOS defaults.</summary>
    public abstract Task<StepOutcome> FactoryResetAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Reads the current settings from the BMC, as <c>[{"name": ..., "value": ...}]</c>, so the host can store them.</summary>
    public abstract Task<JsonArray> CacheBiosSettingsAsync(ITaskContext task, CancellationToken ct);

    /// <summary>
    /// The body of an <c>apply_configuration</c> step: takes the required list <c>settings</c> from <paramref name="args"/>
    /// (absent: <see cref="MissingParameterValue"/>; not a list: <see cref="InvalidParameterValue"/>, both as a faulted
    /// task) and hands it to <see cref="ApplyConfigurationAsync"/>.
    /// </summary>
    protected Task<StepOutcome> ApplyConfigurationStepAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args["settings"] switch
        {
            JsonArray settings => ApplyConfigurationAsync(task, settings, ct),
            null => Task.FromException<StepOutcome>(new MissingParameterValue("Step apply_configuration requires the argument 'settings'.")),
            var other => Task.FromException<StepOutcome>(
                new InvalidParameterValue($"The argument 'settings' of apply_configuration must be a list, not {other.ToJsonString()}.")),
        };
    }

    /// <summary>
    /// <paramref name="settings"/> as one object <c>{name: value}</c> (a later item wins); an item that is not an object
    /// with a string <c>name</c> and a <c>value</c> (which may be null) throws <see cref="InvalidParameterValue"/>.
    /// </summary>
    protected static JsonObject SettingsByName(JsonArray settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var byName = new JsonObject();
        foreach (var setting in settings)
        {
            if (setting is not JsonObject s || s["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || !s.ContainsKey("value"))
            {
                throw new InvalidParameterValue($"Invalid BIOS setting {setting?.ToJsonString() ?? "null"}: each setting needs a name and a value.");
            }

            byName[name.GetValue<string>()] = s["value"]?.DeepClone();
        }

        return byName;
    }
}
