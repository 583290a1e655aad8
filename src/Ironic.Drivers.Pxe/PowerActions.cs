namespace Ironic.Drivers.Pxe;

/// <summary>
/// Power changes made inside a deployment (Ironic's <c>node_power_action</c>, reduced): skipped when the
/// node is already there, recorded on the node afterwards so the API shows the new state at once.
/// </summary>
internal static class PowerActions
{
    public static async Task SetAsync(ITaskContext task, string target, CancellationToken ct)
    {
        var power = task.Driver.Power;
        if (target == PowerState.Rebooting)
        {
            await power.RebootAsync(task, null, ct).ConfigureAwait(false);
            target = PowerState.On;
        }
        else if (await power.GetPowerStateAsync(task, ct).ConfigureAwait(false) != target)
        {
            await power.SetPowerStateAsync(task, target, null, ct).ConfigureAwait(false);
        }

        task.Node.PowerState = target;
        task.Node.TargetPowerState = null;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }
}
