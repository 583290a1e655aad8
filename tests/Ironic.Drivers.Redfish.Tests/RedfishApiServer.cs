using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ironic.Common.Config;
using Ironic.Hosting;
using Ironic.Testing.Redfish;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>
/// The real `ironic all` application in process (API + conductor, SQLite in a temp state path) on a
/// free loopback port with the redfish hardware type enabled, plus one emulator with many systems
/// for the nodes the tests enroll. The periodic power sync is left to the tests (they run passes).
/// </summary>
public sealed class RedfishApiServer : IAsyncLifetime
{
    private readonly string statePath = Path.Combine(Path.GetTempPath(), "ironic-redfish-api-" + Guid.NewGuid().ToString("N"));
    private WebApplication? app;
    private int nextSystem;

    public RedfishEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public async Task InitializeAsync()
    {
        Emulator = await RedfishEmulator.StartAsync(systems: 64, password: "api-s3cret");
        var options = IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__STATE_PATH"] = statePath,
            ["IRONIC_DEFAULT__HOST"] = "redfish-api-host",
            ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = "fake-hardware,redfish",
            ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "ipxe,pxe,fake",
            ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "ramdisk,fake",
            ["IRONIC_DEFAULT__ENABLED_POWER_INTERFACES"] = "redfish,fake",
            ["IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES"] = "redfish,noop,fake",
            ["IRONIC_DEFAULT__ENABLED_BIOS_INTERFACES"] = "redfish,no-bios,fake",
            ["IRONIC_DEFAULT__ENABLED_INSPECT_INTERFACES"] = "redfish,no-inspect,fake",
            ["IRONIC_DEPLOY__HTTP_URL"] = "http://127.0.0.1:8080",
            ["IRONIC_REDFISH__CONNECTION_ATTEMPTS"] = "2",
            ["IRONIC_REDFISH__CONNECTION_RETRY_INTERVAL"] = "0.05",
            // Tests run sync passes themselves, and want the recorded state to follow the hardware.
            ["IRONIC_CONDUCTOR__SYNC_POWER_STATE_INTERVAL"] = "0",
            ["IRONIC_CONDUCTOR__FORCE_POWER_STATE_DURING_SYNC"] = "false",
        });
        app = await IronicHost.CreateAsync(options, "http://127.0.0.1:0", logging: _ => { });
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(IronicHost.ListeningAddress(app)) };
        Http.DefaultRequestHeaders.Add("X-OpenStack-Ironic-API-Version", "latest");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(statePath, recursive: true);
    }

    /// <summary>A system no other test uses.</summary>
    public SimulatedSystem NextSystem() => Emulator.Systems[Interlocked.Increment(ref nextSystem) - 1];

    /// <summary>Waits until the conductor's asynchronous work (power changes, provisioning) has finished.</summary>
    public Task WhenIdleAsync() => Services.GetRequiredService<Ironic.Conductor.Workers.WorkerPool>().WhenIdleAsync();

    /// <summary>Enrolls a redfish node for <paramref name="system"/> and returns its UUID.</summary>
    public async Task<string> EnrollAsync(SimulatedSystem system, string? name = null)
    {
        var node = await SendAsync(HttpMethod.Post, "/v1/nodes", new JsonObject
        {
            ["driver"] = "redfish",
            ["name"] = name,
            ["driver_info"] = new JsonObject
            {
                ["redfish_address"] = Emulator.BaseUrl,
                ["redfish_system_id"] = system.Path,
                ["redfish_username"] = Emulator.Username,
                ["redfish_password"] = Emulator.Password,
            },
        }, 201);
        return (string)node!["uuid"]!;
    }

    public async Task<JsonObject?> SendAsync(HttpMethod method, string path, JsonObject? body, int expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var reply = await Http.SendAsync(request);
        var text = await reply.Content.ReadAsStringAsync();
        Assert.True((int)reply.StatusCode == expected, $"{method} {path}: {(int)reply.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> GetAsync(string path) => (await SendAsync(HttpMethod.Get, path, null, 200))!;

    /// <summary>Asks for a provision state change and waits for the conductor to finish it.</summary>
    public async Task<JsonObject> ProvisionAsync(string node, JsonObject request)
    {
        await SendAsync(HttpMethod.Put, $"/v1/nodes/{node}/states/provision", request, 202);
        await WhenIdleAsync();
        return await GetAsync($"/v1/nodes/{node}");
    }

    /// <summary>Asks for a power state and waits for the conductor to finish it.</summary>
    public async Task<JsonObject> PowerAsync(string node, string target)
    {
        await SendAsync(HttpMethod.Put, $"/v1/nodes/{node}/states/power", new JsonObject { ["target"] = target }, 202);
        await WhenIdleAsync();
        return await GetAsync($"/v1/nodes/{node}");
    }
}
