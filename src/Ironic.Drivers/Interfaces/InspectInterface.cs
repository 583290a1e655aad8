namespace Ironic.Drivers;

/// <summary>Discovering the node's hardware properties.</summary>
public abstract class InspectInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Inspect;

    /// <summary>Inspects; returns the resulting provision state (<c>manageable</c>, <c>inspect wait</c>) or null.</summary>
    public abstract Task<string?> InspectHardwareAsync(ITaskContext task, CancellationToken ct);
}
