using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// One BMC as one user sees it (Ironic's cached sushy connection): an HTTP client, the service
/// root, and the authentication state, shared by every node and interface that uses the same
/// address and credentials. GETs are retried on 5xx answers and connection failures; any request
/// that could not even connect is retried; a session that the BMC forgot is renewed once per request.
/// Thread-safe.
/// </summary>
internal sealed class RedfishConnection
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly RedfishOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly HttpClient http;
    private readonly SemaphoreSlim loginGate = new(1, 1);
    private volatile string? token;
    private string? sessionLocation;
    private volatile bool basicFallback;
    private bool sessionWorked;
    private JsonObject? root;

    public RedfishConnection(RedfishEndpoint endpoint, RedfishOptions options, TimeProvider time, ILogger logger)
    {
        Endpoint = endpoint;
        this.options = options;
        this.time = time;
        this.logger = logger;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(15, options.RequestTimeout.TotalSeconds)),
            // Shorter than the idle timeouts BMCs use, so a pooled socket is rarely one the BMC already closed.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            MaxConnectionsPerServer = 8,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        if (endpoint.Address.StartsWith("https:", StringComparison.Ordinal))
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CertificateCheck(endpoint.Verify);
        }

        http = new HttpClient(handler) { BaseAddress = new Uri(endpoint.Address), Timeout = options.RequestTimeout };
    }

    public RedfishEndpoint Endpoint { get; }

    /// <summary>Set after the BMC refused the credentials: the cache drops the connection.</summary>
    public bool Broken { get; private set; }

    /// <summary>The only system's path, once found (when driver_info names none).</summary>
    public string? DefaultSystem { get; set; }

    /// <summary>GETs a resource; the body must be a JSON object.</summary>
    public async Task<JsonObject> GetAsync(string path, string node, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, node, ct).ConfigureAwait(false);
        return response.Body ?? throw new RedfishError($"GET {path} at {Endpoint.Address} answered HTTP {response.Status} without a JSON object.", response.Status);
    }

    /// <summary>The service root, fetched once (unauthenticated, as sushy does).</summary>
    public async Task<JsonObject> RootAsync(string node, CancellationToken ct)
    {
        if (root is { } cached)
        {
            return cached;
        }

        var response = await WithRetriesAsync(HttpMethod.Get, Endpoint.RootPrefix, node, ct,
            () => SendRawAsync(HttpMethod.Get, Endpoint.RootPrefix, null, null, basic: false, ct)).ConfigureAwait(false);
        if (response.Status == 401 && Endpoint.Username is not null)
        {
            // Some BMCs protect the root too; credentials sent as Basic are then the only way in.
            response = await SendRawAsync(HttpMethod.Get, Endpoint.RootPrefix, null, null, basic: true, ct).ConfigureAwait(false);
        }

        return root = response is { Status: < 300, Body: { } body }
            ? body
            : throw new RedfishError($"The Redfish service root {Endpoint.RootPrefix} at {Endpoint.Address} answered HTTP {response.Status}: {response.ErrorMessage()}", response.Status);
    }

    /// <summary>
    /// Sends a request and returns a successful answer; an error answer throws <see cref="RedfishError"/>
    /// (with the BMC's status), an unreachable or failing BMC <see cref="RedfishConnectionError"/>.
    /// A 202 with a task monitor is waited for, so callers see the finished job.
    /// </summary>
    public async Task<RedfishResponse> SendAsync(HttpMethod method, string path, JsonNode? body, string node, CancellationToken ct)
    {
        var response = await WithRetriesAsync(method, path, node, ct, () => SendAuthenticatedAsync(method, path, body, node, ct)).ConfigureAwait(false);
        if (response.Status >= 400)
        {
            throw new RedfishError($"{method} {path} at {Endpoint.Address} failed with HTTP {response.Status}: {response.ErrorMessage()}", response.Status)
            {
                Body = response.Body,
            };
        }

        if (response.Status == 202 && method != HttpMethod.Get && response.Location is { } monitor)
        {
            return await WaitForTaskAsync(monitor, node, ct).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Polls a task monitor until the BMC's job ends, within the power state change timeout.</summary>
    public async Task<RedfishResponse> WaitForTaskAsync(string monitor, string node, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.PowerStateChangeTimeout;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var response = await WithRetriesAsync(HttpMethod.Get, monitor, node, ct, () => SendAuthenticatedAsync(HttpMethod.Get, monitor, null, node, ct)).ConfigureAwait(false);
            if (response.Status == 404)
            {
                // Many BMCs delete a monitor as soon as its job is over.
                return response;
            }

            if (response.Status >= 400)
            {
                throw new RedfishError($"Task {monitor} at {Endpoint.Address} answered HTTP {response.Status}: {response.ErrorMessage()}", response.Status);
            }

            var state = response.Body?["TaskState"]?.ToString();
            if (response.Status != 202 && state is not ("New" or "Starting" or "Running" or "Pending" or "Stopping" or "Service"))
            {
                if (state is "Exception" or "Killed" or "Cancelled" || response.Body?["TaskStatus"]?.ToString() == "Critical")
                {
                    var messages = (response.Body?["Messages"] as JsonArray ?? []).Select(m => m?["Message"]?.ToString()).Where(m => m is not null);
                    throw new RedfishError($"Task {monitor} at {Endpoint.Address} ended {state}: {string.Join("; ", messages)}");
                }

                return response;
            }

            if (time.GetUtcNow() + delay > deadline)
            {
                throw new RedfishError($"Task {monitor} at {Endpoint.Address} did not finish within {options.PowerStateChangeTimeout.TotalSeconds} seconds.");
            }

            RedfishLog.TaskRunning(logger, monitor, Endpoint.Address);
            await Task.Delay(response.RetryAfter is { } after && after < delay ? after : delay, time, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>
    /// Logs the session out, in the background so dropping a connection never waits on a BMC. The HTTP
    /// client is left to close its idle sockets by itself: a request still running on it must not fail.
    /// </summary>
    public void Retire()
    {
        if (sessionLocation is { } location && token is { } current)
        {
            token = null;
            _ = LogoutAsync(location, current);
        }
    }

    private async Task LogoutAsync(string location, string sessionToken)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await SendRawAsync(HttpMethod.Delete, location, null, sessionToken, basic: false, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The BMC expires the session by itself.
        }
    }

    private async Task<RedfishResponse> WithRetriesAsync(HttpMethod method, string path, string node, CancellationToken ct, Func<Task<RedfishResponse>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            Exception? failure = null;
            try
            {
                var response = await send().ConfigureAwait(false);
                if (response.Status < 500 || method != HttpMethod.Get)
                {
                    return response;
                }

                reason = $"HTTP {response.Status}: {response.ErrorMessage()}";
            }
            catch (HttpRequestException e) when (method == HttpMethod.Get || e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                failure = e;
                reason = e.HttpRequestError == HttpRequestError.ConnectionError ? "cannot connect: " + e.Message : e.Message;
            }
            catch (HttpRequestException e)
            {
                throw new RedfishConnectionError(node, $"{method} {path} at {Endpoint.Address} failed: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                if (method != HttpMethod.Get)
                {
                    throw new RedfishConnectionError(node, $"{method} {path} at {Endpoint.Address} got no answer within {options.RequestTimeout.TotalSeconds} seconds.", e);
                }

                failure = e;
                reason = $"no answer within {options.RequestTimeout.TotalSeconds} seconds";
            }

            if (attempt >= options.ConnectionAttempts)
            {
                throw new RedfishConnectionError(node, $"{method} {path} at {Endpoint.Address} failed after {attempt} attempt(s): {reason}", failure);
            }

            // Back off: the first retry waits the interval, later ones twice that.
            var delay = options.ConnectionRetryInterval * Math.Min(attempt, 2);
            RedfishLog.Retrying(logger, method.Method, path, Endpoint.Address, reason, attempt, options.ConnectionAttempts, delay);
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
        }
    }

    private async Task<RedfishResponse> SendAuthenticatedAsync(HttpMethod method, string path, JsonNode? body, string node, CancellationToken ct)
    {
        var hasCredentials = Endpoint.Username is not null;
        if (hasCredentials && Endpoint.AuthType != "basic" && !basicFallback)
        {
            await EnsureSessionAsync(null, node, ct).ConfigureAwait(false);
        }

        var used = basicFallback || Endpoint.AuthType == "basic" ? null : token;
        var response = await SendRawAsync(method, path, body, used, basic: used is null, ct).ConfigureAwait(false);
        if (response.Status == 401 && used is not null)
        {
            RedfishLog.SessionExpired(logger, Endpoint.Address);
            await EnsureSessionAsync(used, node, ct).ConfigureAwait(false);
            used = basicFallback ? null : token;
            response = await SendRawAsync(method, path, body, used, basic: used is null, ct).ConfigureAwait(false);
        }

        if (response.Status == 401 && hasCredentials)
        {
            Broken = true;
            throw new RedfishError(
                $"Access to {method} {path} at {Endpoint.Address} was denied for user {Endpoint.Username} (HTTP 401); check redfish_username and redfish_password.", 401);
        }

        return response;
    }

    /// <summary>Logs in unless a session exists; with <paramref name="stale"/>, replaces that token (once, however many callers saw it fail).</summary>
    private async Task EnsureSessionAsync(string? stale, string node, CancellationToken ct)
    {
        if (token is not null && token != stale)
        {
            return;
        }

        await loginGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if ((token is not null && token != stale) || basicFallback)
            {
                return;
            }

            token = null;
            var serviceRoot = await RootAsync(node, ct).ConfigureAwait(false);
            var sessions = serviceRoot["Links"]?["Sessions"]?["@odata.id"]?.ToString() ?? Endpoint.RootPrefix.TrimEnd('/') + "/SessionService/Sessions";
            var login = new JsonObject { ["UserName"] = Endpoint.Username, ["Password"] = Endpoint.Password ?? "" };
            var response = await WithRetriesAsync(HttpMethod.Post, sessions, node, ct,
                () => SendRawAsync(HttpMethod.Post, sessions, login, null, basic: false, ct)).ConfigureAwait(false);
            if (response.Status < 300 && response.Token is { Length: > 0 } newToken)
            {
                token = newToken;
                sessionLocation = response.Location;
                sessionWorked = true;
                RedfishLog.SessionOpened(logger, Endpoint.Address, Endpoint.Username);
                return;
            }

            // As sushy's SessionOrBasicAuth: a BMC that never gave a session is spoken to with Basic.
            if (Endpoint.AuthType == "auto" && !sessionWorked)
            {
                basicFallback = true;
                RedfishLog.FallingBackToBasic(logger, Endpoint.Address, response.Status);
                return;
            }

            Broken = response.Status == 401;
            throw new RedfishError(
                $"Logging in to {Endpoint.Address} as {Endpoint.Username} failed with HTTP {response.Status}: {response.ErrorMessage()}", response.Status);
        }
        finally
        {
            loginGate.Release();
        }
    }

    private async Task<RedfishResponse> SendRawAsync(HttpMethod method, string path, JsonNode? body, string? sessionToken, bool basic, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.Accept.ParseAdd("application/json");
        if (sessionToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Auth-Token", sessionToken);
        }
        else if (basic && Endpoint.Username is not null)
        {
            var pair = Encoding.UTF8.GetBytes($"{Endpoint.Username}:{Endpoint.Password}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            request.Content.Headers.ContentType = Json;
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        JsonObject? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                json = null;
            }
        }

        var location = response.Headers.Location?.ToString();
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return new RedfishResponse((int)response.StatusCode, json, location, retryAfter)
        {
            Token = response.Headers.TryGetValues("X-Auth-Token", out var values) ? values.FirstOrDefault() : null,
        };
    }

    private static RemoteCertificateValidationCallback CertificateCheck(RedfishVerify verify)
    {
        if (!verify.Enabled)
        {
            // The operator set redfish_verify_ca=False for this BMC (self-signed certificates are common on BMCs).
#pragma warning disable CA5359
            return (_, _, _, _) => true;
#pragma warning restore CA5359
        }

        if (verify.CaPath is null)
        {
            return (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        var anchors = new X509Certificate2Collection();
        var files = Directory.Exists(verify.CaPath) ? Directory.GetFiles(verify.CaPath) : [verify.CaPath];
        foreach (var file in files)
        {
            try
            {
                anchors.ImportFromPemFile(file);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // A directory of CAs may hold other files; they simply add no anchor.
            }
        }

        return (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
    }
}
