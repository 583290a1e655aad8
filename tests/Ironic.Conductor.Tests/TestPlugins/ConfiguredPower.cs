using Ironic.Drivers;

namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>An implementation that reads its own <c>[configured]</c> section from the host's services.</summary>
[HardwareInterface("configured")]
public sealed class ConfiguredPower(IDriverServices services) : PowerInterface
{
    public int Retries { get; } = services.Config.Int("configured", "retries", 3, min: 0);

    public string Host { get; } = services.Host;

    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(PowerState.Off);

    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct) => Task.CompletedTask;

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct) => Task.CompletedTask;
}
