using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Agent;

/// <summary>
/// Talks to one node's agent at the callback URL it heartbeats with (Ironic's <c>AgentClient</c>): commands
/// run synchronously (<c>wait=true</c>, the answer is the result) or asynchronously (polled with
/// <see cref="GetCommandsAsync"/> at each heartbeat). Every call carries the agent token; an https agent is
/// trusted only through the CA it sent with its heartbeat (auto-TLS). Network failures are retried
/// <c>[agent] max_command_attempts</c> times; each call is bounded by <c>[agent] command_timeout</c>.
/// </summary>
internal sealed class AgentClient : IDisposable
{
    private readonly HttpClient http;
    private readonly string baseUrl;
    private readonly string token;
    private readonly int attempts;
    private readonly string nodeUuid;

    // Connections (and TLS sessions) to agents are kept between calls: a waiting node's agent is polled at every
    // heartbeat, and a new connection per poll was most of a heartbeat's cost. One handler per trust (the system's
    // roots, or one agent's CA) and timeout; forgotten wholesale past a bound, as each agent boot brings a new CA.
    private static readonly ConcurrentDictionary<(TimeSpan Timeout, string? CaPem), SocketsHttpHandler> Handlers = new();
    private const int MaxHandlers = 4096;

    public AgentClient(string nodeUuid, string callbackUrl, string token, string? caPath, TimeSpan timeout, int attempts)
    {
        this.nodeUuid = nodeUuid;
        baseUrl = callbackUrl.TrimEnd('/');
        this.token = token;
        this.attempts = Math.Max(1, attempts);
        var key = (timeout, caPath is null ? null : File.ReadAllText(caPath));
        if (!Handlers.TryGetValue(key, out var handler))
        {
            if (Handlers.Count >= MaxHandlers)
            {
                Handlers.Clear();
            }

            handler = Handlers.GetOrAdd(key, static k => NewHandler(k.Timeout, k.CaPem));
        }

        http = new HttpClient(handler, disposeHandler: false) { Timeout = timeout };
    }

    private static SocketsHttpHandler NewHandler(TimeSpan timeout, string? caPem)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        if (caPem is not null)
        {
            var ca = X509Certificate2.CreateFromPem(caPem);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => TrustedBy(ca, cert, errors);
        }

        return handler;
    }

    /// <summary>The agent named by the node's driver_internal_info (agent_url, agent_secret_token, agent_verify_ca).</summary>
    public static AgentClient For(ITaskContext task, AgentOptions options)
    {
        var info = task.Node.DriverInternalInfo;
        var url = info["agent_url"]?.GetValue<string>()
            ?? throw new InvalidParameterValue($"Node {task.Node.Uuid} has no agent URL: the agent has not heartbeated yet.");
        var token = info["agent_secret_token"]?.GetValue<string>()
            ?? throw new InvalidParameterValue($"Node {task.Node.Uuid} has no agent token: the agent has not looked up yet.");
        return new AgentClient(task.Node.Uuid, url, token, info["agent_verify_ca"]?.GetValue<string>(), options.CommandTimeout, options.MaxCommandAttempts);
    }

    /// <summary>Runs <paramref name="name"/> (<c>extension.command</c>); a command that failed (at once, or by the end with <paramref name="wait"/>) throws.</summary>
    public async Task<JsonObject> ExecuteAsync(string name, JsonObject parameters, bool wait, CancellationToken ct)
    {
        var body = new JsonObject { ["name"] = name, ["params"] = parameters };
        var result = await SendAsync(HttpMethod.Post, $"/v1/commands/?wait={(wait ? "true" : "false")}", body, name, ct).ConfigureAwait(false);
        if (result["command_status"]?.ToString() == "FAILED")
        {
            throw new AgentCommandFailed(nodeUuid, name, Error(result));
        }

        return result;
    }

    /// <summary>Every command the agent ran or runs, oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> GetCommandsAsync(CancellationToken ct)
    {
        var result = await SendAsync(HttpMethod.Get, "/v1/commands/", null, "get commands", ct).ConfigureAwait(false);
        return result["commands"] is JsonArray commands
            ? [.. commands.OfType<JsonObject>()]
            : throw new AgentCommandFailed(nodeUuid, "get commands", $"the agent answered without a command list: {Truncate(result.ToJsonString())}");
    }

    /// <summary>The error text of a failed command result.</summary>
    public static string Error(JsonObject result) => result["command_error"] switch
    {
        JsonObject e => e["details"]?.ToString() ?? e["message"]?.ToString() ?? e.ToJsonString(),
        null => "unknown error",
        var e => e.ToString(),
    };

    public void Dispose() => http.Dispose();

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, string what, CancellationToken ct)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var uri = $"{baseUrl}{path}{separator}agent_token={Uri.EscapeDataString(token)}";
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
            {
                // Not retried: the certificate will not change between attempts.
                throw new AgentCommandFailed(nodeUuid, what,
                    $"the agent at {baseUrl} presented a TLS certificate that is not signed by the CA it sent with its heartbeat "
                    + $"({Scrub(e.InnerException.Message)}); check that nothing else answers at the agent's address, then reboot the node into the agent");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                if (attempt < attempts)
                {
                    continue;
                }

                throw new AgentCommandFailed(nodeUuid, what, e is TaskCanceledException
                    ? $"the agent at {baseUrl} did not answer within {http.Timeout.TotalSeconds:0.###} s, {attempts} attempts; "
                        + "check that the node runs the agent and can be reached, or raise [agent] command_timeout"
                    : $"could not reach the agent at {baseUrl} after {attempts} attempts ({Scrub(e.Message)}); "
                        + "check that the node runs the agent and that the conductor can reach its address");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new AgentCommandFailed(nodeUuid, what, Refused((int)response.StatusCode, Scrub(Truncate(text))));
                }

                try
                {
                    return JsonNode.Parse(text) as JsonObject
                        ?? throw new AgentCommandFailed(nodeUuid, what,
                            $"the agent answered with something other than a JSON object: {Scrub(Truncate(text))}; check that the agent is ironic-python-agent");
                }
                catch (System.Text.Json.JsonException)
                {
                    throw new AgentCommandFailed(nodeUuid, what,
                        $"the agent answered with invalid JSON: {Scrub(Truncate(text))}; check that the agent is ironic-python-agent and nothing else answers at its address");
                }
            }
        }
    }

    // What an HTTP error from the agent means, and what to do about it.
    private static string Refused(int status, string text) => status switch
    {
        401 or 403 => $"the agent refused the agent token (HTTP {status}: {text}); it holds another token than this node's, "
            + "most likely it restarted or another agent answers at its address: reboot the node into the agent so that it looks up again",
        >= 500 => $"the agent answered HTTP {status}: {text}; see the agent's log on the node",
        _ => $"the agent answered HTTP {status}: {text}; check that the agent's version supports the command",
    };

    // The token must never reach a message or a log, whatever a lower layer put in its text.
    private string Scrub(string text) => token.Length == 0
        ? text
        : text.Replace(token, "***", StringComparison.Ordinal).Replace(Uri.EscapeDataString(token), "***", StringComparison.Ordinal);

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";

    // The agent's certificate is self-signed by the CA it sent: trust that CA alone, not the system's roots.
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var cert = new X509Certificate2(presented);
        return chain.Build(cert);
    }
}
