using Ironic.Drivers;

namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>Claims the name "fake" for power, which the fake plugin already provides: a duplicate.</summary>
[HardwareInterface("fake")]
public sealed class ShadowFakePower : PowerInterface
{
    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(PowerState.Error);

    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct) => Task.CompletedTask;

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct) => Task.CompletedTask;
}
