namespace Ironic.Drivers;

/// <summary>Power control of a node.</summary>
public abstract class PowerInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Power;

    /// <summary>The node's current power state, one of <see cref="PowerState"/>.</summary>
    public abstract Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Sets the power state; <paramref name="timeout"/> bounds waiting for it (null: the driver's default).</summary>
    public abstract Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct);

    /// <summary>Hard reboot; a powered-off node is powered on.</summary>
    public abstract Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct);

    /// <summary>
    /// Brings the node to <paramref name="target"/> (Ironic's <c>node_power_action</c> core): a reboot through
    /// <see cref="RebootAsync"/>, an on or off only when the node is not already there, anything else through
    /// <see cref="SetPowerStateAsync"/>. Returns the state the node settles in (a reboot ends on, a soft power
    /// off ends off). The one place this rule lives; callers record the result on the node.
    /// </summary>
    public async Task<string> ChangePowerStateAsync(ITaskContext task, string target, TimeSpan? timeout, CancellationToken ct)
    {
        switch (target)
        {
            case PowerState.Rebooting:
                await RebootAsync(task, timeout, ct).ConfigureAwait(false);
                return PowerState.On;
            case PowerState.On or PowerState.Off when await GetPowerStateAsync(task, ct).ConfigureAwait(false) == target:
                return target;
            default:
                await SetPowerStateAsync(task, target, timeout, ct).ConfigureAwait(false);
                return target switch
                {
                    PowerState.SoftRebooting => PowerState.On,
                    PowerState.SoftPowerOff => PowerState.Off,
                    _ => target,
                };
        }
    }

    /// <summary>The states <see cref="SetPowerStateAsync"/> accepts.</summary>
    public virtual IReadOnlyList<string> GetSupportedPowerStates(ITaskContext task) => [PowerState.On, PowerState.Off, PowerState.Rebooting];
}
