using Ironic.Drivers.Objects;

namespace Ironic.Common.Rpc;

/// <summary>
/// What the API asks of the conductor: every change that needs a node lock or a driver goes through
/// here, never straight to the database. In-process in <c>ironic all</c>; shaped for a wire transport
/// (plain data in, plain data out) so API and conductor can later run as separate processes.
/// </summary>
public interface IConductorApi
{
    /// <summary>Creates a node after the conductor checks its driver is enabled.</summary>
    Task<Node> CreateNodeAsync(Node node, CancellationToken ct);

    /// <summary>Saves <paramref name="changedFields"/> of <paramref name="node"/> under the node's exclusive lock.</summary>
    Task<Node> UpdateNodeAsync(Node node, IReadOnlyCollection<string> changedFields, CancellationToken ct);

    /// <summary>Deletes a node and its ports and portgroups under the node's exclusive lock.</summary>
    Task DestroyNodeAsync(string nodeUuid, CancellationToken ct);

    /// <summary>Creates a port under its node's shared lock.</summary>
    Task<Port> CreatePortAsync(Port port, CancellationToken ct);

    /// <summary>Saves <paramref name="changedFields"/> of a port under its node's exclusive lock.</summary>
    Task<Port> UpdatePortAsync(Port port, IReadOnlyCollection<string> changedFields, CancellationToken ct);

    /// <summary>Deletes a port under its node's exclusive lock.</summary>
    Task DestroyPortAsync(string portUuid, CancellationToken ct);

    /// <summary>Creates a portgroup under its node's shared lock.</summary>
    Task<Portgroup> CreatePortgroupAsync(Portgroup portgroup, CancellationToken ct);

    /// <summary>Saves <paramref name="changedFields"/> of a portgroup under its node's exclusive lock.</summary>
    Task<Portgroup> UpdatePortgroupAsync(Portgroup portgroup, IReadOnlyCollection<string> changedFields, CancellationToken ct);

    /// <summary>Deletes an empty portgroup under its node's exclusive lock.</summary>
    Task DestroyPortgroupAsync(string portgroupUuid, CancellationToken ct);
}
