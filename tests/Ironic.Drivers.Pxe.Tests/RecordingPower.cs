namespace Ironic.Drivers.Pxe.Tests;

/// <summary>A BMC's power side in memory: records the actions asked of it.</summary>
internal sealed class RecordingPower : PowerInterface
{
    public string State { get; set; } = PowerState.On;

    public List<string> Actions { get; } = [];

    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(State);

    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct)
    {
        Actions.Add(powerState);
        State = powerState;
        return Task.CompletedTask;
    }

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct)
    {
        Actions.Add(PowerState.Rebooting);
        State = PowerState.On;
        return Task.CompletedTask;
    }
}
