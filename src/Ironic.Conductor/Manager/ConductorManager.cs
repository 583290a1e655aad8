using Ironic.Common.Config;
using Ironic.Common.Json;
using Ironic.Common.Rpc;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Workers;
using Ironic.Data;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Manager;

/// <summary>
/// The conductor side of <see cref="IConductorApi"/> (Ironic's <c>ConductorManager</c>): every change
/// of a node or its ports happens here, under the node's lock.
/// </summary>
public sealed partial class ConductorManager(
    IronicStore store, TaskManager tasks, DriverRegistry drivers, WorkerPool workers, Provisioning.ProvisionActions provisioning,
    Provisioning.NodeCaches caches, Agent.AgentCallbacks agent, IronicOptions options, TimeProvider clock, ILogger<ConductorManager> log) : IConductorApi
{
    /// <summary>Provision states from which a node may be deleted (unless in maintenance).</summary>
    private static readonly string[] DeleteAllowedStates =
        [ProvisionState.Manageable, ProvisionState.Enroll, "adopt failed", ProvisionState.Available];

    public async Task<Node> CreateNodeAsync(Node node, CancellationToken ct)
    {
        CheckDriver(node.Driver);
        drivers.CheckAndUpdateNodeInterfaces(node);
        node.CreatedAt = clock.GetUtcNow();
        node.UpdatedAt = null;
        return await store.Nodes.InsertAsync(node, ct).ConfigureAwait(false);
    }

    public async Task<Node> UpdateNodeAsync(Node node, IReadOnlyCollection<string> changedFields, bool resetInterfaces, CancellationToken ct)
    {
        var updatingDriver = changedFields.Contains("driver");
        if (updatingDriver)
        {
            CheckDriver(node.Driver);
        }

        await using var task = await tasks.AcquireAsync(node.Uuid, "node update", ct: ct).ConfigureAwait(false);
        var current = task.Node;
        CheckNotStale("Node", current.Uuid, node.UpdatedAt, current.UpdatedAt);
        var fields = new HashSet<string>(changedFields);
        CopyFields(node, current, fields);

        var checkInterfaces = updatingDriver;
        foreach (var kind in InterfaceKind.All)
        {
            var field = InterfaceKind.FieldName(kind);
            if (!fields.Contains(field))
            {
                if (updatingDriver && resetInterfaces)
                {
                    NodeInterfaces.Set(current, kind, null);
                    fields.Add(field);
                }

                continue;
            }

            if (!InterfaceUpdateStates.Contains(current.ProvisionState) && !current.Maintenance)
            {
                throw new Conflict($"Node {current.Uuid} can not have {field} updated unless it is in one of allowed " +
                    $"({string.Join(", ", InterfaceUpdateStates)}) states or in maintenance mode.");
            }

            checkInterfaces = true;
        }

        if (checkInterfaces)
        {
            fields.UnionWith(drivers.CheckAndUpdateNodeInterfaces(current));
        }

        current.UpdatedAt = clock.GetUtcNow();
        await store.Nodes.UpdateAsync(current, [.. fields, "updated_at"], ct).ConfigureAwait(false);
        await task.JournalAsync(ct).ConfigureAwait(false);
        return current;
    }

    private static readonly string[] InterfaceUpdateStates =
        [ProvisionState.Enroll, ProvisionState.Inspecting, ProvisionState.InspectWait, ProvisionState.Manageable, ProvisionState.Available];

    public async Task DestroyNodeAsync(string nodeUuid, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(nodeUuid, "node deletion", ct: ct).ConfigureAwait(false);
        var node = task.Node;
        if (node.Protected)
        {
            throw new NodeProtected(node.Uuid);
        }

        if (node.InstanceUuid is not null)
        {
            throw new Conflict(
                $"Node {node.Uuid} is associated with instance {node.InstanceUuid}.");
        }

        if (!node.Maintenance && !DeleteAllowedStates.Contains(node.ProvisionState))
        {
            throw new Conflict(
                $"Can not delete node \"{node.Uuid}\" while it is in provision state \"{node.ProvisionState}\". " +
                $"Valid provision states to perform deletion are: \"({string.Join(", ", DeleteAllowedStates.Select(s => $"'{s}'"))})\", " +
                "or set the node into maintenance mode");
        }

        await store.DestroyNodeAsync(node.Uuid, ct).ConfigureAwait(false);

        // The row is gone, so there is nothing left to release.
        await task.ReleaseAsync().ConfigureAwait(false);
    }

    public async Task<Port> CreatePortAsync(Port port, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(port.NodeUuid, "port create", shared: true, ct).ConfigureAwait(false);
        await CheckPortgroupAsync(port, ct).ConfigureAwait(false);
        port.CreatedAt = clock.GetUtcNow();
        return await store.Ports.InsertAsync(port, ct).ConfigureAwait(false);
    }

    public async Task<Port> UpdatePortAsync(Port port, IReadOnlyCollection<string> changedFields, CancellationToken ct)
    {
        var current = await store.Ports.GetAsync("uuid", port.Uuid, ct).ConfigureAwait(false) ?? throw new PortNotFound(port.Uuid);
        await using var task = await tasks.AcquireAsync(current.NodeUuid, "port update", ct: ct).ConfigureAwait(false);
        current = await store.Ports.GetAsync("uuid", port.Uuid, ct).ConfigureAwait(false) ?? throw new PortNotFound(port.Uuid);
        CheckNotStale("Port", current.Uuid, port.UpdatedAt, current.UpdatedAt);
        CopyFields(port, current, changedFields);
        await CheckPortgroupAsync(current, ct).ConfigureAwait(false);
        current.UpdatedAt = clock.GetUtcNow();
        await store.Ports.UpdateAsync(current, [.. changedFields, "updated_at"], ct).ConfigureAwait(false);
        return current;
    }

    public async Task DestroyPortAsync(string portUuid, CancellationToken ct)
    {
        var port = await store.Ports.GetAsync("uuid", portUuid, ct).ConfigureAwait(false) ?? throw new PortNotFound(portUuid);
        await using var task = await tasks.AcquireAsync(port.NodeUuid, "port deletion", ct: ct).ConfigureAwait(false);
        await store.Ports.DeleteWhereAsync("uuid", portUuid, ct).ConfigureAwait(false);
    }

    public async Task<Portgroup> CreatePortgroupAsync(Portgroup portgroup, CancellationToken ct)
    {
        await using var task = await tasks.AcquireAsync(portgroup.NodeUuid, "portgroup create", shared: true, ct).ConfigureAwait(false);
        portgroup.CreatedAt = clock.GetUtcNow();
        return await store.Portgroups.InsertAsync(portgroup, ct).ConfigureAwait(false);
    }

    public async Task<Portgroup> UpdatePortgroupAsync(Portgroup portgroup, IReadOnlyCollection<string> changedFields, CancellationToken ct)
    {
        var current = await store.Portgroups.GetAsync("uuid", portgroup.Uuid, ct).ConfigureAwait(false)
            ?? throw new PortgroupNotFound(portgroup.Uuid);
        await using var task = await tasks.AcquireAsync(current.NodeUuid, "portgroup update", ct: ct).ConfigureAwait(false);
        current = await store.Portgroups.GetAsync("uuid", portgroup.Uuid, ct).ConfigureAwait(false) ?? throw new PortgroupNotFound(portgroup.Uuid);
        CheckNotStale("Portgroup", current.Uuid, portgroup.UpdatedAt, current.UpdatedAt);
        if (changedFields.Contains("node_uuid")
            && await store.Ports.CountAsync([Filter.Eq("portgroup_uuid", current.Uuid)], ct).ConfigureAwait(false) > 0)
        {
            throw new Conflict($"Portgroup {current.Uuid} has ports; remove them before moving it to another node.");
        }

        CopyFields(portgroup, current, changedFields);
        current.UpdatedAt = clock.GetUtcNow();
        await store.Portgroups.UpdateAsync(current, [.. changedFields, "updated_at"], ct).ConfigureAwait(false);
        return current;
    }

    public async Task DestroyPortgroupAsync(string portgroupUuid, CancellationToken ct)
    {
        var pg = await store.Portgroups.GetAsync("uuid", portgroupUuid, ct).ConfigureAwait(false)
            ?? throw new PortgroupNotFound(portgroupUuid);
        await using var task = await tasks.AcquireAsync(pg.NodeUuid, "portgroup deletion", ct: ct).ConfigureAwait(false);
        if (await store.Ports.CountAsync([Filter.Eq("portgroup_uuid", pg.Uuid)], ct).ConfigureAwait(false) > 0)
        {
            throw new Invalid($"Cannot complete the requested action because portgroup {pg.Uuid} contains ports.");
        }

        await store.Portgroups.DeleteWhereAsync("uuid", portgroupUuid, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The API computes a change from what it read before the lock was taken; if the record changed since
    /// (another request, a conductor flow), applying it would overwrite that change, so refuse with 409:
    /// clients retry (python-ironicclient does so on its own).
    /// </summary>
    private static void CheckNotStale(string kind, string uuid, DateTimeOffset? seen, DateTimeOffset? current)
    {
        if (seen != current)
        {
            throw new Conflict($"{kind} {uuid} was changed by another request while this one was being applied; retry the request.");
        }
    }

    private void CheckDriver(string driver)
    {
        if (!drivers.HardwareTypes.ContainsKey(driver))
        {
            throw new Invalid(
                $"No valid host was found. Reason: No conductor service registered which supports driver {driver} " +
                $"for conductor group \"{options.Conductor.ConductorGroup}\".");
        }
    }

    private async Task CheckPortgroupAsync(Port port, CancellationToken ct)
    {
        if (port.PortgroupUuid is null)
        {
            return;
        }

        var pg = await store.Portgroups.GetAsync("uuid", port.PortgroupUuid, ct).ConfigureAwait(false)
            ?? throw new PortgroupNotFound(port.PortgroupUuid);
        if (pg.NodeUuid != port.NodeUuid)
        {
            throw new Invalid("Port can not be added to a portgroup belonging to a different node.");
        }
    }

    // Copies the named wire fields from one object to another through the shared JSON contract.
    internal static void CopyFields<T>(T from, T to, IEnumerable<string> fields)
        where T : class
    {
        var info = IronicJson.Options.GetTypeInfo(typeof(T));
        foreach (var name in fields)
        {
            var p = info.Properties.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException($"{typeof(T).Name} has no field '{name}'.", nameof(fields));
            p.Set!(to, p.Get!(from));
        }
    }
}
