namespace Ironic.Drivers;

/// <summary>Wiring the node's ports into the provisioning, cleaning and tenant networks.</summary>
public abstract class NetworkInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Network;

    public virtual Task AddProvisioningNetworkAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public virtual Task RemoveProvisioningNetworkAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public virtual Task AddCleaningNetworkAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public virtual Task RemoveCleaningNetworkAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public virtual Task ConfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    public virtual Task UnconfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Reacts to a change of one of the node's ports.</summary>
    public virtual Task PortChangedAsync(ITaskContext task, Objects.Port port, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Reacts to a change of one of the node's portgroups.</summary>
    public virtual Task PortgroupChangedAsync(ITaskContext task, Objects.Portgroup portgroup, CancellationToken ct) => Task.CompletedTask;
}
