using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ironic.Common.Config;
using Ironic.Common.Rpc;
using Ironic.Data;
using Ironic.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Testing;

/// <summary>
/// The real <c>ironic all</c> application (API + conductor) in process, over SQLite in a temporary state path,
/// listening on a free loopback port; requests go over real HTTP. Options are given as an operator's
/// environment would give them (<c>IRONIC_&lt;SECTION&gt;__&lt;OPTION&gt;</c>): enabled hardware types and
/// interfaces, <c>IRONIC_DEFAULT__PLUGIN_DIRS</c> for plugins built elsewhere, anything else. Drivers load through
/// plugin discovery as in production (the built-in ones from <c>plugins/</c> beside the test assembly).
/// <para>
/// Start it with <see cref="StartAsync"/> and dispose it when done (the state path is deleted). A test fixture
/// usually derives from it to fix its options and adds its runner's start-up hook.
/// </para>
/// </summary>
public class IronicTestHost : IAsyncDisposable
{
    /// <summary>The conductor's name unless <c>IRONIC_DEFAULT__HOST</c> is given.</summary>
    public const string DefaultHostName = "ironic-test-host";

    private readonly Dictionary<string, string> settings;
    private WebApplication? app;
    private HttpClient? http;
    private bool disposed;

    /// <param name="settings">Options as <c>IRONIC_&lt;SECTION&gt;__&lt;OPTION&gt;</c> = value; a state path
    /// (a new temporary directory) and a host name are added unless given.</param>
    public IronicTestHost(IReadOnlyDictionary<string, string>? settings = null)
    {
        this.settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        this.settings.TryAdd("IRONIC_DEFAULT__STATE_PATH", Path.Combine(Path.GetTempPath(), "ironic-test-host-" + Guid.NewGuid().ToString("N")));
        this.settings.TryAdd("IRONIC_DEFAULT__HOST", DefaultHostName);
    }

    /// <summary><c>[DEFAULT] state_path</c>: the database, TFTP and HTTP roots live here.</summary>
    public string StatePath => settings["IRONIC_DEFAULT__STATE_PATH"];

    /// <summary>The options the application was started with.</summary>
    public IronicOptions Options { get; private set; } = null!;

    /// <summary>The address it listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A client for <see cref="BaseUrl"/>; the helpers below add the microversion header per request.</summary>
    public HttpClient Http => http ?? throw NotStarted();

    /// <summary>The application's services (periodic tasks, the task manager, the worker pool).</summary>
    public IServiceProvider Services => app?.Services ?? throw NotStarted();

    /// <summary>The database, for arranging what the API cannot (a node mid-operation, a lock held elsewhere).</summary>
    public IronicStore Store => Services.GetRequiredService<IronicStore>();

    /// <summary>The conductor as the API reaches it (for calls a ramdisk or another conductor would make).</summary>
    public IConductorApi Conductor => Services.GetRequiredService<IConductorApi>();

    /// <summary>Creates the state path, migrates the database and starts serving.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(StatePath);
        Options = IronicOptions.Load([], settings);
        app = await IronicHost.CreateAsync(Options, "http://127.0.0.1:0", logging: _ => { }).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        BaseUrl = IronicHost.ListeningAddress(app);
        http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    /// <summary>Stops the application and deletes the state path; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        http?.Dispose();
        if (app is not null)
        {
            var db = app.Services.GetRequiredService<Database>();
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            // SQLite keeps pooled connections (and so the file) open; the directory cannot go before they do.
            await SqlitePools.ClearAsync(db).ConfigureAwait(false);
        }

        if (Directory.Exists(StatePath))
        {
            Directory.Delete(StatePath, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Completes when the conductor's asynchronous work (power changes, provisioning, consoles) has finished.</summary>
    public Task WhenIdleAsync() => Services.GetRequiredService<Ironic.Conductor.Workers.WorkerPool>().WhenIdleAsync();

    /// <summary>Sends a request with a JSON body given as text, at microversion <paramref name="version"/> (null: no header).</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? version = "latest", string? json = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (version is not null)
        {
            request.Headers.Add("X-OpenStack-Ironic-API-Version", version);
        }

        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Http.SendAsync(request).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new Reply((int)response.StatusCode, body, response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Sends a request with a JSON body, at microversion <paramref name="version"/>.</summary>
    public Task<Reply> SendAsync(HttpMethod method, string path, JsonNode body, string? version = "latest") =>
        SendAsync(method, path, version, (body ?? throw new ArgumentNullException(nameof(body))).ToJsonString());

    public Task<Reply> GetAsync(string path, string? version = "latest") => SendAsync(HttpMethod.Get, path, version);

    public Task<Reply> PostAsync(string path, string json, string? version = "latest") => SendAsync(HttpMethod.Post, path, version, json);

    public Task<Reply> PostAsync(string path, JsonNode body, string? version = "latest") => SendAsync(HttpMethod.Post, path, body, version);

    public Task<Reply> PatchAsync(string path, string json, string? version = "latest") => SendAsync(HttpMethod.Patch, path, version, json);

    public Task<Reply> DeleteAsync(string path, string? version = "latest") => SendAsync(HttpMethod.Delete, path, version);

    /// <summary>Enrolls a node (<c>POST /v1/nodes</c>, which must answer 201) and returns it as the API shows it.</summary>
    public async Task<JsonObject> CreateNodeAsync(JsonObject node) => (await PostAsync("/v1/nodes", node).ConfigureAwait(false)).Expect(201).Json;

    /// <summary>The node as <c>GET /v1/nodes/{node}</c> shows it (which must answer 200).</summary>
    public async Task<JsonObject> GetNodeAsync(string node) => (await GetAsync($"/v1/nodes/{node}").ConfigureAwait(false)).Expect(200).Json;

    /// <summary>Asks for a power state (202), waits for the conductor to finish, and returns the node afterwards.</summary>
    public async Task<JsonObject> SetPowerStateAsync(string node, string target)
    {
        (await SendAsync(HttpMethod.Put, $"/v1/nodes/{node}/states/power", new JsonObject { ["target"] = target }).ConfigureAwait(false)).Expect(202);
        await WhenIdleAsync().ConfigureAwait(false);
        return await GetNodeAsync(node).ConfigureAwait(false);
    }

    /// <summary>Asks for a provision state change (202), waits for the conductor to finish, and returns the node afterwards.</summary>
    public Task<JsonObject> SetProvisionStateAsync(string node, string target) =>
        SetProvisionStateAsync(node, new JsonObject { ["target"] = target });

    /// <summary>As above with a full request body (<c>clean_steps</c>, <c>configdrive</c>, ...).</summary>
    public async Task<JsonObject> SetProvisionStateAsync(string node, JsonObject request)
    {
        (await SendAsync(HttpMethod.Put, $"/v1/nodes/{node}/states/provision", request).ConfigureAwait(false)).Expect(202);
        await WhenIdleAsync().ConfigureAwait(false);
        return await GetNodeAsync(node).ConfigureAwait(false);
    }

    /// <summary>A name no other test uses: <paramref name="prefix"/>, a dash and twelve hex digits.</summary>
    public static string UniqueName(string prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Guid.NewGuid():N}")[..(prefix.Length + 13)];

    private static InvalidOperationException NotStarted() => new("The host is not started: call StartAsync first.");
}
