namespace Ironic.Drivers;

/// <summary>
/// Wiring the node's ports into the tenant network, as a deploy interface asks (<c>task.Driver.Network</c>).
/// Ironic's provisioning and cleaning networks and port change notifications are not in the contract until
/// a flow here uses them.
/// </summary>
public abstract class NetworkInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Network;

    /// <summary>Connects the node's ports to the tenant networks before the instance boots.</summary>
    public virtual Task ConfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Disconnects them when the instance is torn down.</summary>
    public virtual Task UnconfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;
}
