namespace Ironic.Drivers;

/// <summary>Booting the deploy ramdisk and the instance.</summary>
public abstract class BootInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Boot;

    /// <summary>Prepares booting the deploy ramdisk with <paramref name="ramdiskParams"/>.</summary>
    public abstract Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct);

    public abstract Task CleanUpRamdiskAsync(ITaskContext task, CancellationToken ct);

    public abstract Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct);

    public abstract Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct);
}
