using System.Security.Cryptography.X509Certificates;
using Ironic.Common.Config;
using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Workers;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Agent;

/// <summary>
/// The conductor's side of the agent's two calls: lookup (a token is issued) and heartbeat (checked here,
/// then handed to the node's deploy interface on a worker, which polls the agent and moves the node on).
/// </summary>
public sealed partial class AgentCallbacks(TaskManager tasks, WorkerPool workers, IronicOptions options, TimeProvider clock,
    Provisioning.Flows.InspectFlow inspection, ILogger<AgentCallbacks> log)
{
    public async Task<Node> GetNodeWithTokenAsync(string nodeUuid, CancellationToken ct)
    {
        await using (var shared = await tasks.AcquireAsync(nodeUuid, "generate agent token", shared: true, ct).ConfigureAwait(false))
        {
            if (AgentTokens.IsPresent(shared.Node))
            {
                // A second lookup gets a token no heartbeat matches: only the first agent may drive the node.
                LogTokenRefused(nodeUuid);
                shared.Node.DriverInternalInfo[AgentTokens.Token] = Common.Validation.Secrets.Mask;
                return shared.Node;
            }
        }

        // No retry: lookups must not pile up waiting for a node another request is changing; the agent retries on 409.
        await using var task = await tasks.AcquireAsync(nodeUuid, "generate agent token", ct: ct, retry: false).ConfigureAwait(false);
        AgentTokens.Issue(task.Node);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return task.Node;
    }

    public async Task HeartbeatAsync(string nodeUuid, AgentHeartbeat heartbeat, CancellationToken ct)
    {
        if (heartbeat.AgentVersion is null && heartbeat.AgentStatus is null)
        {
            throw new InvalidParameterValue("Agent did not transmit a version, and a version is required. Please update the agent being used.");
        }

        string? caPath;
        await using (var shared = await tasks.AcquireAsync(nodeUuid, "heartbeat", shared: true, ct).ConfigureAwait(false))
        {
            var node = shared.Node;
            if (!AgentTokens.IsValid(node, heartbeat.AgentToken))
            {
                LogBadToken(nodeUuid);
                throw new InvalidParameterValue("Invalid or missing agent token received.");
            }

            if (options.Agent.RequireTls && heartbeat.CallbackUrl.Length > 0
                && !heartbeat.CallbackUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidParameterValue("TLS is required by configuration");
            }

            caPath = heartbeat.AgentVerifyCa is { } ca ? await StoreCertificateAsync(node.Uuid, ca, ct).ConfigureAwait(false) : null;
            if (node.DriverInternalInfo[AgentTokens.Url] is null && node.Reservation is { } holder)
            {
                // The agent retries a 409 within seconds; swallowed, the first heartbeat would wait a whole interval.
                throw new NodeLocked(node.Uuid, holder, null, null, retryAfterSeconds: 5);
            }
        }

        workers.Spawn($"heartbeat of node {nodeUuid}", stop => ProcessAsync(nodeUuid, heartbeat, caPath, stop));
    }

    private async Task ProcessAsync(string nodeUuid, AgentHeartbeat heartbeat, string? caPath, CancellationToken ct)
    {
        NodeTask task;
        try
        {
            task = await tasks.AcquireAsync(nodeUuid, "heartbeat", ct: ct, retry: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeLocked or NodeNotFound)
        {
            // Busy: the agent heartbeats again soon, and nothing is lost by skipping this one.
            LogHeartbeatSkipped(nodeUuid, e.Message);
            return;
        }

        await using (task)
        {
            var info = task.Node.DriverInternalInfo;
            info[AgentTokens.Url] = heartbeat.CallbackUrl;
            info[AgentTokens.Version] = heartbeat.AgentVersion;
            info[AgentTokens.LastHeartbeat] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);
            if (caPath is not null)
            {
                info[AgentTokens.VerifyCa] = caPath;
            }

            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            try
            {
                if (task.Node.ProvisionState == ProvisionState.InspectWait)
                {
                    // In-band inspection: the agent serves the inspect interface, which may fetch the data itself.
                    if (await task.Driver.Inspect.HeartbeatAsync(task, heartbeat.CallbackUrl, ct).ConfigureAwait(false) is { } data)
                    {
                        await inspection.ContinueAsync(task, data, ct).ConfigureAwait(false);
                    }
                }
                else
                {
                    await task.Driver.Deploy.HeartbeatAsync(task, heartbeat.CallbackUrl, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogHeartbeatFailed(nodeUuid, Common.Validation.Secrets.Scrub(e.Message, task.Node.DriverInfo, task.Node.InstanceInfo));
            }
        }
    }

    /// <summary>The ramdisk's inspection data (<c>POST /v1/continue_inspection</c>), for the node's inspection flow.</summary>
    public Task ContinueInspectionAsync(string nodeUuid, System.Text.Json.Nodes.JsonObject inventory, System.Text.Json.Nodes.JsonObject pluginData,
        CancellationToken ct) => inspection.ContinueAsync(nodeUuid, inventory, pluginData, ct);

    // One file per node, named by its UUID (so never outside the directory); refreshed when the agent's CA changes.
    private async Task<string> StoreCertificateAsync(string nodeUuid, string pem, CancellationToken ct)
    {
        try
        {
            using var _ = X509Certificate2.CreateFromPem(pem);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidParameterValue($"agent_verify_ca is not a PEM certificate: {e.Message}");
        }

        Directory.CreateDirectory(options.Agent.CertificatesPath);
        var path = Path.Combine(options.Agent.CertificatesPath, Guid.Parse(nodeUuid).ToString("D") + ".crt");
        if (!File.Exists(path) || await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) != pem)
        {
            await File.WriteAllTextAsync(path, pem, ct).ConfigureAwait(false);
        }

        return path;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: an agent token was asked for again; one is already issued, so the lookup gets none")]
    private partial void LogTokenRefused(string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: heartbeat with an invalid or missing agent token refused")]
    private partial void LogBadToken(string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node}: heartbeat not processed ({Reason}); the agent will heartbeat again")]
    private partial void LogHeartbeatSkipped(string node, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node}: processing the heartbeat failed: {Error}")]
    private partial void LogHeartbeatFailed(string node, string error);
}
