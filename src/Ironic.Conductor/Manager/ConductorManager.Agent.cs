using Ironic.Common.Rpc;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Manager;

/// <summary>The deploy agent's lookup and heartbeat: the RPC front of <see cref="Agent.AgentCallbacks"/>.</summary>
public sealed partial class ConductorManager
{
    public Task<Node> GetNodeWithTokenAsync(string nodeUuid, CancellationToken ct) => agent.GetNodeWithTokenAsync(nodeUuid, ct);

    public Task HeartbeatAsync(string nodeUuid, AgentHeartbeat heartbeat, CancellationToken ct) => agent.HeartbeatAsync(nodeUuid, heartbeat, ct);
}
