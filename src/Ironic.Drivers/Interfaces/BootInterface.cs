namespace Ironic.Drivers;

/// <summary>
/// Booting the instance, as a deploy interface asks (<c>task.Driver.Boot</c>). Ironic's deploy-ramdisk half
/// (<c>prepare_ramdisk</c>, <c>clean_up_ramdisk</c>) is not in the contract until a deploy, clean or rescue
/// flow here boots a deploy ramdisk.
/// </summary>
public abstract class BootInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Boot;

    /// <summary>Prepares the node to boot the deployed instance (boot files, boot device).</summary>
    public abstract Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Removes what <see cref="PrepareInstanceAsync"/> prepared.</summary>
    public abstract Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct);
}
