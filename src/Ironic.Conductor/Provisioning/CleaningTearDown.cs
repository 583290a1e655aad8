using Ironic.Conductor.Locking;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// Undoes <see cref="Drivers.DeployInterface.PrepareCleaningAsync"/> when cleaning fails, is aborted or times out,
/// where a ramdisk was prepared: the failure is what matters then, so a tear-down error is returned to be added
/// to it, never thrown.
/// </summary>
internal static class CleaningTearDown
{
    public static async Task<string?> TryAsync(NodeTask task)
    {
        if (task.Node.DriverInternalInfo["cleaning_disable_ramdisk"]?.GetValue<bool>() == true)
        {
            return null;
        }

        try
        {
            await task.Driver.Deploy.TearDownCleaningAsync(task, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }
}
