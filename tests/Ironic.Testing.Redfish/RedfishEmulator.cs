using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ironic.Testing.Redfish;

/// <summary>
/// A Redfish BMC on loopback (Kestrel, a free port) serving what sushy and Ironic's redfish driver
/// need (see shared/bmc/redfish/REDFISH-MINIMUM.md): service root, sessions, N systems with power,
/// boot override, BIOS, inventory, chassis sensors, and hooks to make it misbehave. Every request
/// is recorded. State changes are serialised by one lock, as a BMC handles one thing at a time.
/// </summary>
public sealed class RedfishEmulator : IAsyncDisposable
{
    public const string BiosRegistryId = "BiosAttributeRegistry.v1_0_0";

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Dictionary<string, string> sessions = [];
    private readonly Dictionary<string, int> taskMonitors = [];
    private readonly EmulatorRouter router;
    private int failGets;
    private int failStatus = 503;
    private int nextId;

    private RedfishEmulator(WebApplication app, int systems, string username, string password)
    {
        this.app = app;
        Username = username;
        Password = password;
        Systems = [.. Enumerable.Range(0, systems).Select(i => new SimulatedSystem((i + 1).ToString(global::System.Globalization.CultureInfo.InvariantCulture), i))];
        router = new EmulatorRouter(this);
        app.Run(HandleAsync);
    }

    /// <summary>
    /// Starts an emulator with <paramref name="systems"/> systems on a free loopback port; with
    /// <paramref name="https"/>, behind a self-signed certificate for 127.0.0.1 (see <see cref="CertificatePem"/>).
    /// </summary>
    public static async Task<RedfishEmulator> StartAsync(int systems = 1, string username = "admin", string password = "password", bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = https ? SelfSignedCertificate.Create() : null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(global::System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var emulator = new RedfishEmulator(builder.Build(), systems, username, password)
        {
            CertificatePem = certificate?.ExportCertificatePem(),
        };
        await emulator.app.StartAsync().ConfigureAwait(false);
        var address = emulator.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return emulator;
    }

    /// <summary>e.g. <c>http://127.0.0.1:40123</c>: what <c>redfish_address</c> gets.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The server certificate (PEM) when started with HTTPS: a CA bundle that trusts this emulator.</summary>
    public string? CertificatePem { get; private init; }

    public string Username { get; set; }

    public string Password { get; set; }

    public IReadOnlyList<SimulatedSystem> Systems { get; }

    /// <summary>False: session login is refused (405), as on BMCs that only do Basic.</summary>
    public bool SessionsEnabled { get; set; } = true;

    /// <summary>False: requests without credentials are served too (for third-party clients run without a password on their command line).</summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>True: every connection is dropped without an answer, as a BMC that hung.</summary>
    public bool IsDown { get; set; }

    /// <summary>True: BIOS settings PATCH and Bios.ResetBios answer 202 with a task monitor.</summary>
    public bool AsyncBiosJobs { get; set; }

    /// <summary>True: tasks end in TaskState Exception, as a BMC job that failed.</summary>
    public bool FailTasks { get; set; }

    /// <summary>How many GETs a task monitor answers 202 before the task completes.</summary>
    public int TaskMonitorPolls { get; set; } = 2;

    /// <summary>The BMC manager's virtual CD; null: the manager has no VirtualMedia at all.</summary>
    public SimulatedVirtualMedia? VirtualMedia { get; set; } = new();

    /// <summary>Successful session logins so far.</summary>
    public int SessionLogins { get; private set; }

    public int ActiveSessions
    {
        get
        {
            lock (gate)
            {
                return sessions.Count;
            }
        }
    }

    /// <summary>Every request answered so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public void ClearRequests() => requests.Clear();

    /// <summary>The next <paramref name="count"/> GETs answer <paramref name="status"/> (a BMC busy or rebooting).</summary>
    public void FailNextGets(int count, int status = 503)
    {
        lock (gate)
        {
            failGets = count;
            failStatus = status;
        }
    }

    /// <summary>Forgets every session token, as a BMC does after its session timeout or a reset.</summary>
    public void ExpireSessions()
    {
        lock (gate)
        {
            sessions.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    internal string NewId() => Interlocked.Increment(ref nextId).ToString("x4", global::System.Globalization.CultureInfo.InvariantCulture);

    internal SimulatedSystem? FindSystem(string id) => Systems.FirstOrDefault(s => s.Id == id);

    internal Reply Login(JsonObject? body)
    {
        if (!SessionsEnabled)
        {
            return Reply.MethodNotAllowed("POST", "/redfish/v1/SessionService/Sessions");
        }

        if (body?["UserName"]?.GetValue<string>() != Username || body?["Password"]?.GetValue<string>() != Password)
        {
            return Reply.Error(401, "Base.1.8.NoValidSession", "Invalid user name or password.");
        }

        var id = NewId();
        var token = Guid.NewGuid().ToString("N");
        sessions[token] = id;
        SessionLogins++;
        var location = "/redfish/v1/SessionService/Sessions/" + id;
        return new Reply(201, Session(id), new Dictionary<string, string> { ["X-Auth-Token"] = token, ["Location"] = location });
    }

    internal JsonObject Session(string id) => new()
    {
        ["@odata.id"] = "/redfish/v1/SessionService/Sessions/" + id,
        ["Id"] = id,
        ["Name"] = "User Session",
        ["UserName"] = Username,
    };

    internal IEnumerable<string> SessionIds => sessions.Values;

    internal bool Logout(string id)
    {
        var token = sessions.FirstOrDefault(kv => kv.Value == id).Key;
        return token is not null && sessions.Remove(token);
    }

    /// <summary>A 202 with a task monitor that completes after <see cref="TaskMonitorPolls"/> polls.</summary>
    internal Reply StartTask()
    {
        var id = NewId();
        taskMonitors[id] = TaskMonitorPolls;
        return new Reply(202, null, new Dictionary<string, string> { ["Location"] = "/redfish/v1/TaskService/TaskMonitors/" + id });
    }

    internal Reply PollTask(string id)
    {
        if (!taskMonitors.TryGetValue(id, out var left))
        {
            return Reply.NotFound("/redfish/v1/TaskService/TaskMonitors/" + id);
        }

        taskMonitors[id] = left - 1;
        return left > 0
            ? new Reply(202, new JsonObject { ["Id"] = id, ["TaskState"] = "Running", ["PercentComplete"] = 50 })
            : FailTasks
                ? Reply.Ok(new JsonObject
                {
                    ["Id"] = id,
                    ["TaskState"] = "Exception",
                    ["TaskStatus"] = "Critical",
                    ["Messages"] = new JsonArray(new JsonObject { ["MessageId"] = "Base.1.8.InternalError", ["Message"] = "The BIOS job failed." }),
                })
                : Reply.Ok(new JsonObject { ["Id"] = id, ["TaskState"] = "Completed", ["TaskStatus"] = "OK", ["PercentComplete"] = 100, ["Messages"] = new JsonArray() });
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (IsDown)
        {
            context.Abort();
            return;
        }

        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        string? text = null;
        JsonObject? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        Reply reply;
        string auth;
        lock (gate)
        {
            auth = Authenticate(request);
            reply = Route(request.Method, trimmed, auth, body, text);
        }

        // Login bodies carry the password; the log keeps only that a login happened.
        requests.Enqueue(new RecordedRequest(request.Method, trimmed, auth, reply.Status, trimmed.EndsWith("/Sessions", StringComparison.Ordinal) ? null : text));
        // sushy sends Connection: close; echoing it stops clients from reusing a socket the server is about to close.
        if (request.Headers.Connection.Any(v => v?.Contains("close", StringComparison.OrdinalIgnoreCase) == true))
        {
            context.Response.Headers.Connection = "close";
        }

        context.Response.StatusCode = reply.Status;
        context.Response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private Reply Route(string method, string path, string auth, JsonObject? body, string? text)
    {
        var open = (method == "GET" && path is "/redfish" or "/redfish/v1")
            || (method == "POST" && path == "/redfish/v1/SessionService/Sessions");
        if (!open && auth == "none" && RequireAuthentication)
        {
            return Reply.Error(401, "Base.1.8.NoValidSession", "Authentication required.");
        }

        if (method == "GET" && failGets > 0)
        {
            failGets--;
            return Reply.Error(failStatus, "Base.1.8.ServiceTemporarilyUnavailable", "The service is temporarily unavailable.");
        }

        if (text is { Length: > 0 } && body is null)
        {
            return Reply.Error(400, "Base.1.8.MalformedJSON", "The request body is not a JSON object.");
        }

        return router.Route(method, path, body);
    }

    private string Authenticate(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Auth-Token", out var token))
        {
            return sessions.ContainsKey(token.ToString()) ? "session" : "none";
        }

        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                return pair == $"{Username}:{Password}" ? "basic" : "none";
            }
            catch (FormatException)
            {
                return "none";
            }
        }

        return "none";
    }
}
