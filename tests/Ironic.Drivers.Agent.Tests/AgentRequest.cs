namespace Ironic.Drivers.Agent.Tests;

/// <summary>One request the <see cref="AgentDouble"/> received; <paramref name="Token"/> is its agent_token query parameter.</summary>
public sealed record AgentRequest(string Method, string Path, string Token);
