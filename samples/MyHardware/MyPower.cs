using Ironic.Drivers;

namespace MyVendor.BareMetal;

/// <summary>
/// Power control through a pretend BMC whose state is kept in the node's driver_internal_info:
/// on, off and reboot.
/// </summary>
[HardwareInterface("my-power")]
public sealed class MyPower : PowerInterface
{
    private const string PowerStateKey = "my_power_state";

    public override IReadOnlyDictionary<string, string> GetProperties() => MyDriverInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        MyDriverInfo.Validate(task.Node);
        return Task.CompletedTask;
    }

    // A pretend BMC that was never told anything is powered off.
    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(task.Node.DriverInternalInfo[PowerStateKey]?.GetValue<string>() ?? PowerState.Off);

    // The conductor sends reboots to RebootAsync, so only on and off are expected here.
    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct) =>
        powerState is PowerState.On or PowerState.Off
            ? RecordAsync(task, powerState, ct)
            : throw new InvalidParameterValue($"set_power_state called with an invalid power state: {powerState}.");

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct) =>
        RecordAsync(task, PowerState.On, ct);

    private static Task RecordAsync(ITaskContext task, string powerState, CancellationToken ct)
    {
        task.Node.DriverInternalInfo[PowerStateKey] = powerState;
        // Saved here rather than left to the caller: the pretend BMC's state must outlive the task.
        return task.SaveNodeAsync(ct);
    }
}
