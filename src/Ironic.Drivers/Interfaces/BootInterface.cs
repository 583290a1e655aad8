namespace Ironic.Drivers;

/// <summary>Booting the deploy ramdisk and the instance, as a deploy interface asks (<c>task.Driver.Boot</c>).</summary>
public abstract class BootInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Boot;

    /// <summary>Prepares booting the deploy ramdisk with <paramref name="ramdiskParams"/> (the agent's kernel parameters).</summary>
    public abstract Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct);

    /// <summary>Removes what <see cref="PrepareRamdiskAsync"/> prepared.</summary>
    public abstract Task CleanUpRamdiskAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Prepares the node to boot the deployed instance (boot files, boot device).</summary>
    public abstract Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Removes what <see cref="PrepareInstanceAsync"/> prepared.</summary>
    public abstract Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct);
}
