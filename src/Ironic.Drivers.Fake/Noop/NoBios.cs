using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>No BIOS support (Ironic's <c>no-bios</c>): validation and changes fail; caching finds nothing.</summary>
[HardwareInterface("no-bios")]
public sealed class NoBios : BiosInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task<StepOutcome> ApplyConfigurationAsync(ITaskContext task, JsonArray settings, CancellationToken ct) =>
        throw Unsupported.For(task, this);

    public override Task<StepOutcome> FactoryResetAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    // Cleaning caches BIOS settings for every node; with nothing to read that must not fail.
    public override Task<JsonArray> CacheBiosSettingsAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(new JsonArray());
}
