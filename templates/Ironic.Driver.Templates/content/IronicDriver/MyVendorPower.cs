using Ironic.Drivers;

namespace MyDriver;

/// <summary>
/// Power without a BMC, as Ironic's fake power: the node's recorded <c>power_state</c> is the truth.
/// Replace the bodies with calls to your BMC; keep <see cref="ValidateAsync"/> free of them (it runs inside
/// API requests).
/// </summary>
[HardwareInterface("my-driver")]
public sealed class MyVendorPower : PowerInterface
{
    public override IReadOnlyDictionary<string, string> GetProperties() => MyVendorInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        MyVendorInfo.Validate(task.Node);
        return Task.CompletedTask;
    }

    // A node never powered through ironic has no state yet; a fresh pretend machine is off.
    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(task.Node.PowerState ?? PowerState.Off);

    // The conductor saves the node after a power action; reboots come to RebootAsync.
    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct)
    {
        task.Node.PowerState = powerState is PowerState.On or PowerState.Off
            ? powerState
            : throw new InvalidParameterValue($"set_power_state called with an invalid power state: {powerState}.");
        return Task.CompletedTask;
    }

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct)
    {
        task.Node.PowerState = PowerState.On;
        return Task.CompletedTask;
    }
}
