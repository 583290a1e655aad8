namespace Ironic.Common.Rpc;

/// <summary>
/// A deploy agent's heartbeat (<c>POST /v1/heartbeat/{node}</c>): where to reach it back, its token and
/// version, the CA that signed its auto-TLS certificate, and the status the anaconda ramdisk reports.
/// </summary>
public sealed record AgentHeartbeat(
    string CallbackUrl, string? AgentToken, string? AgentVersion, string? AgentVerifyCa, string? AgentStatus, string? AgentStatusMessage);
