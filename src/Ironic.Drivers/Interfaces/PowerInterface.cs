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

    /// <summary>The states <see cref="SetPowerStateAsync"/> accepts.</summary>
    public virtual IReadOnlyList<string> GetSupportedPowerStates(ITaskContext task) => [PowerState.On, PowerState.Off, PowerState.Rebooting];
}
