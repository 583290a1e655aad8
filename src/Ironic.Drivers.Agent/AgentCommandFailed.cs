namespace Ironic.Drivers.Agent;

/// <summary>An agent command that failed or could not be delivered; the message names the node, the command and why.</summary>
public sealed class AgentCommandFailed(string node, string command, string reason)
    : IronicException($"Agent command {command} failed on node {node}: {reason}", 500);
