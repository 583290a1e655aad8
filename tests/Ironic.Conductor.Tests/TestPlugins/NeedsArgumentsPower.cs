using Ironic.Drivers;

namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>A registered implementation discovery cannot create: it has no parameterless constructor.</summary>
[HardwareInterface("needs-arguments")]
public sealed class NeedsArgumentsPower(string address) : PowerInterface
{
    public string Address { get; } = address;

    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(PowerState.Off);

    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct) => Task.CompletedTask;

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct) => Task.CompletedTask;
}
