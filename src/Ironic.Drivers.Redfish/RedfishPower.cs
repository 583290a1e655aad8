using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Power through ComputerSystem.Reset (Ironic's <c>redfish</c> power): on, off, soft off, soft
/// reboot, and reboot as ForceOff then On. After each action it polls PowerState until the target
/// state shows or the timeout passes.
/// </summary>
[HardwareInterface("redfish")]
public sealed class RedfishPower : PowerInterface
{
    private readonly RedfishRuntime runtime;

    public RedfishPower(IDriverServices services) => runtime = new RedfishRuntime(services, typeof(RedfishPower).FullName!);

    public override IReadOnlyDictionary<string, string> GetProperties() => RedfishDriverInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        runtime.Parse(task);
        return Task.CompletedTask;
    }

    public override async Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct)
    {
        var system = await runtime.Connect(task).GetSystemAsync(ct).ConfigureAwait(false);
        return Map(system);
    }

    public override IReadOnlyList<string> GetSupportedPowerStates(ITaskContext task) =>
        [PowerState.On, PowerState.Off, PowerState.Rebooting, PowerState.SoftRebooting, PowerState.SoftPowerOff];

    public override async Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct)
    {
        var (reset, target) = powerState switch
        {
            PowerState.On => ("On", PowerState.On),
            PowerState.Off => ("ForceOff", PowerState.Off),
            PowerState.Rebooting => ("ForceRestart", PowerState.On),
            PowerState.SoftRebooting => ("GracefulRestart", PowerState.On),
            PowerState.SoftPowerOff => ("GracefulShutdown", PowerState.Off),
            _ => throw new InvalidParameterValue($"set_power_state called with an invalid power state: {powerState}."),
        };
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        if (target == PowerState.On && task.Driver.Management is RedfishManagement management)
        {
            await management.RestoreBootDeviceAsync(task, bmc, system, ct).ConfigureAwait(false);
        }

        try
        {
            await ResetAsync(bmc, system, reset, ct).ConfigureAwait(false);
            await WaitForAsync(bmc, target, timeout, ct).ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Setting power state to {powerState} failed for node {task.Node.Uuid}. Error: {e.Message}", e.Status, e);
        }
    }

    /// <summary>A powered-on node is forced off first; then it is powered on (with the boot device restored), as Ironic does.</summary>
    public override async Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var next = PowerState.Off;
        try
        {
            if (Map(system) == PowerState.On)
            {
                await ResetAsync(bmc, system, "ForceOff", ct).ConfigureAwait(false);
                await WaitForAsync(bmc, PowerState.Off, timeout, ct).ConfigureAwait(false);
            }

            next = PowerState.On;
            if (task.Driver.Management is RedfishManagement management)
            {
                await management.RestoreBootDeviceAsync(task, bmc, system, ct).ConfigureAwait(false);
            }

            await ResetAsync(bmc, system, "On", ct).ConfigureAwait(false);
            await WaitForAsync(bmc, PowerState.On, timeout, ct).ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Reboot failed for node {task.Node.Uuid} when setting power state to {next}. Error: {e.Message}", e.Status, e);
        }
    }

    /// <summary>On and PoweringOn are on, Off and PoweringOff are off (Ironic's map); anything else is an error.</summary>
    internal static string Map(JsonObject system) => system["PowerState"]?.ToString() switch
    {
        "On" or "PoweringOn" => PowerState.On,
        "Off" or "PoweringOff" => PowerState.Off,
        _ => PowerState.Error,
    };

    /// <summary>POSTs ComputerSystem.Reset, refusing a reset type the BMC does not list (as sushy does).</summary>
    internal static async Task ResetAsync(RedfishBmc bmc, JsonObject system, string resetType, CancellationToken ct)
    {
        var action = system["Actions"]?["#ComputerSystem.Reset"];
        var target = action?["target"]?.ToString()
            ?? throw new RedfishError($"The system of node {bmc.Node} at {bmc.Endpoint.Address} has no ComputerSystem.Reset action.");
        if (action?["ResetType@Redfish.AllowableValues"] is JsonArray allowed && allowed.All(v => v?.ToString() != resetType))
        {
            throw new RedfishError($"The BMC at {bmc.Endpoint.Address} does not offer the reset type {resetType} (it offers {string.Join(", ", allowed)}).");
        }

        await bmc.PostAsync(target, new JsonObject { ["ResetType"] = resetType }, ct).ConfigureAwait(false);
    }

    /// <summary>Polls the power state until it is <paramref name="target"/>, backing off from 100 ms to 2 s.</summary>
    private async Task WaitForAsync(RedfishBmc bmc, string target, TimeSpan? timeout, CancellationToken ct)
    {
        var deadline = runtime.Time.GetUtcNow() + (timeout ?? runtime.Options.PowerStateChangeTimeout);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var state = Map(await bmc.GetSystemAsync(ct).ConfigureAwait(false));
            if (state == target)
            {
                return;
            }

            if (runtime.Time.GetUtcNow() + delay > deadline)
            {
                throw new PowerStateFailure(target, $"The node is still in '{state}' after {(timeout ?? runtime.Options.PowerStateChangeTimeout).TotalSeconds} seconds.");
            }

            await Task.Delay(delay, runtime.Time, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }
}
