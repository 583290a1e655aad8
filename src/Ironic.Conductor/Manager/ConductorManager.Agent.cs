using Ironic.Common.Rpc;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Manager;

/// <summary>The deploy agent's lookup, heartbeat and inspection data: the RPC front of <see cref="Agent.AgentCallbacks"/>.</summary>
public sealed partial class ConductorManager
{
    public Task<Node> GetNodeWithTokenAsync(string nodeUuid, CancellationToken ct) => agent.GetNodeWithTokenAsync(nodeUuid, ct);

    public Task HeartbeatAsync(string nodeUuid, AgentHeartbeat heartbeat, CancellationToken ct) => agent.HeartbeatAsync(nodeUuid, heartbeat, ct);

    public Task ContinueInspectionAsync(string nodeUuid, System.Text.Json.Nodes.JsonObject inventory, System.Text.Json.Nodes.JsonObject pluginData,
        CancellationToken ct) => agent.ContinueInspectionAsync(nodeUuid, inventory, pluginData, ct);
}
