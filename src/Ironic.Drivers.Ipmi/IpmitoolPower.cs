namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Power through <c>ipmitool power ...</c> (Ironic's <c>IPMIPower</c>): on, off, soft off, reboot as
/// off-then-on, soft reboot. Each change is followed by polling <c>power status</c> until the target
/// state or the timeout; the BMC is never touched during validation.
/// </summary>
[HardwareInterface("ipmitool")]
public sealed class IpmitoolPower : PowerInterface
{
    private readonly IpmiContext ipmi;

    public IpmitoolPower(IDriverServices services)
    {
        ipmi = new IpmiContext(services, typeof(IpmitoolPower).FullName!);
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => IpmiProperties.Common;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        IpmiDriverInfo.Parse(task.Node);
        return Task.CompletedTask;
    }

    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) =>
        PowerStatusAsync(IpmiDriverInfo.Parse(task.Node), ct);

    public override async Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        switch (powerState)
        {
            case PowerState.On:
                await EnsureNextBootDeviceAsync(task, info, ct).ConfigureAwait(false);
                await SetAndWaitAsync(info, "on", PowerState.On, timeout, ct).ConfigureAwait(false);
                break;
            case PowerState.Off:
                await SetAndWaitAsync(info, "off", PowerState.Off, timeout, ct).ConfigureAwait(false);
                break;
            case PowerState.SoftPowerOff:
                await SetAndWaitAsync(info, "soft", PowerState.Off, timeout ?? ipmi.Options.SoftPowerOffTimeout, ct).ConfigureAwait(false);
                break;
            case PowerState.SoftRebooting:
                await SetAndWaitAsync(info, "soft", PowerState.Off, timeout ?? ipmi.Options.SoftPowerOffTimeout, ct).ConfigureAwait(false);
                await EnsureNextBootDeviceAsync(task, info, ct).ConfigureAwait(false);
                await SetAndWaitAsync(info, "on", PowerState.On, timeout, ct).ConfigureAwait(false);
                break;
            default:
                throw new InvalidParameterValue($"set_power_state called with invalid power state {powerState}.");
        }
    }

    /// <summary>Off (unless already off, which some BMCs refuse), then on: the timeout counts once for each.</summary>
    public override async Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        if (await PowerStatusAsync(info, ct).ConfigureAwait(false) != PowerState.Off)
        {
            await SetAndWaitAsync(info, "off", PowerState.Off, timeout, ct).ConfigureAwait(false);
        }

        await EnsureNextBootDeviceAsync(task, info, ct).ConfigureAwait(false);
        await SetAndWaitAsync(info, "on", PowerState.On, timeout, ct).ConfigureAwait(false);
    }

    public override IReadOnlyList<string> GetSupportedPowerStates(ITaskContext task) =>
        [PowerState.On, PowerState.Off, PowerState.Rebooting, PowerState.SoftRebooting, PowerState.SoftPowerOff];

    private async Task<string> PowerStatusAsync(IpmiDriverInfo info, CancellationToken ct)
    {
        var output = await ipmi.Ipmitool.ExecuteAsync(info, "power status", ct).ConfigureAwait(false);
        return output.Trim() switch
        {
            "Chassis Power is on" => PowerState.On,
            "Chassis Power is off" => PowerState.Off,
            _ => PowerState.Error,
        };
    }

    private async Task SetAndWaitAsync(IpmiDriverInfo info, string action, string target, TimeSpan? timeout, CancellationToken ct)
    {
        await ipmi.Ipmitool.ExecuteAsync(info, "power " + action, ct).ConfigureAwait(false);

        // Polled until the target or the timeout; the BMC gate already spaces the reads min_command_interval apart.
        var limit = timeout ?? ipmi.Options.PowerStateChangeTimeout;
        var started = ipmi.Time.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            if (await PowerStatusAsync(info, ct).ConfigureAwait(false) == target)
            {
                return;
            }

            if (ipmi.Time.GetElapsedTime(started) + pause > limit)
            {
                throw new PowerStateFailure(target,
                    $"Timed out after {limit.TotalSeconds:0.#} secs waiting for {target} on node {info.NodeUuid} (BMC {info.Bmc}).");
            }

            await Task.Delay(pause, ipmi.Time, ct).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>
    /// With <c>ipmi_force_boot_device</c>, re-sends the remembered persistent boot device before powering
    /// on, for BMCs that forget it; a one-time device set since is honoured once instead (Ironic's
    /// <c>ensure_next_boot_device</c>).
    /// </summary>
    private static async Task EnsureNextBootDeviceAsync(ITaskContext task, IpmiDriverInfo info, CancellationToken ct)
    {
        if (!info.ForceBootDevice)
        {
            return;
        }

        var internalInfo = task.Node.DriverInternalInfo;
        if (IpmiDriverInfo.Flag(internalInfo, "is_next_boot_persistent") == false)
        {
            internalInfo.Remove("is_next_boot_persistent");
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
        }
        else if (IpmiDriverInfo.Text(internalInfo, "persistent_boot_device") is { Length: > 0 } device)
        {
            await task.Driver.Management.SetBootDeviceAsync(task, device, persistent: true, ct).ConfigureAwait(false);
        }
    }
}
