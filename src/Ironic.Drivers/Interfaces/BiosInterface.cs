using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>BIOS settings of the node.</summary>
public abstract class BiosInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Bios;

    public abstract Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonArray settings, CancellationToken ct);

    public abstract Task<StepOutcome> FactoryResetAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Reads the current settings from the BMC so they can be stored.</summary>
    public abstract Task<JsonArray> CacheBiosSettingsAsync(ITaskContext task, CancellationToken ct);
}
