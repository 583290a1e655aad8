using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ironic.Common.Config;
using Ironic.Data;
using Ironic.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Api.Tests;

/// <summary>
/// One real `ironic all` application (API + conductor, temp SQLite) on a free loopback port, shared by
/// the tests of a collection. Requests go over real HTTP.
/// </summary>
public sealed class ApiServer : IAsyncLifetime
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "ironic-api-tests-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;

    public HttpClient Http { get; private set; } = null!;

    public IronicStore Store => app!.Services.GetRequiredService<IronicStore>();

    /// <summary>The application's services (periodic tasks and the like).</summary>
    public IServiceProvider Services => app!.Services;

    /// <summary>The conductor, as the API reaches it (for calls a ramdisk would trigger, such as continuing cleaning).</summary>
    public Ironic.Common.Rpc.IConductorApi Conductor => app!.Services.GetRequiredService<Ironic.Common.Rpc.IConductorApi>();

    /// <summary>The conductor's task manager (periodic task tests build their tasks on it).</summary>
    public Ironic.Conductor.Locking.TaskManager Tasks => app!.Services.GetRequiredService<Ironic.Conductor.Locking.TaskManager>();

    /// <summary>The conductor's worker pool (tests fill it to see 503s).</summary>
    public Ironic.Conductor.Workers.WorkerPool Workers => app!.Services.GetRequiredService<Ironic.Conductor.Workers.WorkerPool>();

    /// <summary>
    /// Occupies every conductor worker until the returned handle is disposed (which also waits for the
    /// pool to drain); returns how many workers it took.
    /// </summary>
    public (int Occupied, IAsyncDisposable Release) FillWorkerPool()
    {
        var gate = new TaskCompletionSource();
        var occupied = 0;
        while (true)
        {
            try
            {
                Workers.Spawn("test filler", _ => gate.Task);
                occupied++;
            }
            catch (Ironic.Common.Exceptions.NoFreeConductorWorker)
            {
                return (occupied, new PoolRelease(gate, this));
            }
        }
    }

    private sealed class PoolRelease(TaskCompletionSource gate, ApiServer server) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            gate.TrySetResult();
            await server.WhenIdleAsync();
        }
    }

    /// <summary>Waits until the conductor's asynchronous work (power changes, console) has finished.</summary>
    public Task WhenIdleAsync() => app!.Services.GetRequiredService<Ironic.Conductor.Workers.WorkerPool>().WhenIdleAsync();

    public string BaseUrl { get; private set; } = "";

    public const string Host = "api-test-host";

    public async Task InitializeAsync()
    {
        var options = IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__STATE_PATH"] = stateDir,
            ["IRONIC_DEFAULT__HOST"] = Host,
            ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_ATTEMPTS"] = "2",
            ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_INTERVAL"] = "0.05",
            ["IRONIC_API__MAX_LIMIT"] = "50",
        });
        app = await IronicHost.CreateAsync(options, "http://127.0.0.1:0", logging: _ => { });
        await app.StartAsync();
        BaseUrl = IronicHost.ListeningAddress(app);
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(stateDir, recursive: true);
    }

    /// <summary>Sends a request at the given microversion (null: no version header).</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? version = "latest", string? json = null,
        IDictionary<string, string>? headers = null)
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

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, body, response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public Task<Reply> GetAsync(string path, string? version = "latest") => SendAsync(HttpMethod.Get, path, version);

    public Task<Reply> PostAsync(string path, string json, string? version = "latest") => SendAsync(HttpMethod.Post, path, version, json);

    public Task<Reply> PatchAsync(string path, string json, string? version = "latest") => SendAsync(HttpMethod.Patch, path, version, json);

    public Task<Reply> DeleteAsync(string path, string? version = "latest") => SendAsync(HttpMethod.Delete, path, version);

    /// <summary>Creates a fake-hardware node and returns its JSON.</summary>
    public async Task<JsonObject> CreateNodeAsync(string? name = null, string extraJson = "")
    {
        var nameJson = name is null ? "" : $", \"name\": \"{name}\"";
        var reply = await PostAsync("/v1/nodes", $"{{\"driver\": \"fake-hardware\"{nameJson}{extraJson}}}");
        Assert.True(reply.Status == 201, reply.Body);
        return reply.Json;
    }

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
