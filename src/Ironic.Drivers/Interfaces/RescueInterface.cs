namespace Ironic.Drivers;

/// <summary>Booting a deployed node into a rescue ramdisk and back.</summary>
public abstract class RescueInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Rescue;

    /// <summary>Starts rescue; returns the resulting provision state (<c>rescue wait</c> or <c>rescue</c>).</summary>
    public abstract Task<string?> RescueAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Ends rescue; returns the resulting provision state.</summary>
    public abstract Task<string?> UnrescueAsync(ITaskContext task, CancellationToken ct);
}
