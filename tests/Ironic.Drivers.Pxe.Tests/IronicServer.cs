using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ironic.Common.Config;
using Ironic.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>
/// The real `ironic all` application in process (API + conductor, SQLite in a temp state path) on a
/// free loopback port, with pxe, ipxe and ramdisk discovered from its plugins folder as in production.
/// </summary>
public sealed class IronicServer : IAsyncLifetime
{
    public string StatePath { get; } = Path.Combine(Path.GetTempPath(), "ironic-pxe-e2e-" + Guid.NewGuid().ToString("N"));

    public string TftpRoot => Path.Combine(StatePath, "tftpboot");

    public string HttpRoot => Path.Combine(StatePath, "httpboot");

    public HttpClient Http { get; private set; } = null!;

    private WebApplication? app;

    public async Task InitializeAsync()
    {
        var options = IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__STATE_PATH"] = StatePath,
            ["IRONIC_DEFAULT__HOST"] = "pxe-e2e-host",
            ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "fake,pxe,ipxe",
            ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "fake,ramdisk",
            ["IRONIC_DEPLOY__HTTP_URL"] = "http://127.0.0.1:8080",
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

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(StatePath, recursive: true);
    }

    /// <summary>Waits until the conductor's asynchronous work (provisioning flows) has finished.</summary>
    public Task WhenIdleAsync() => app!.Services.GetRequiredService<Ironic.Conductor.Workers.WorkerPool>().WhenIdleAsync();

    public async Task<JsonObject> PostAsync(string path, JsonObject body)
    {
        using var reply = await Http.PostAsJsonAsync(path, body);
        var text = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, $"POST {path}: {(int)reply.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<JsonObject> GetAsync(string path)
    {
        using var reply = await Http.GetAsync(path);
        var text = await reply.Content.ReadAsStringAsync();
        Assert.True(reply.IsSuccessStatusCode, $"GET {path}: {(int)reply.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Asks for a provision state change and waits for the conductor to finish it.</summary>
    public async Task<JsonObject> ProvisionAsync(string node, string target)
    {
        using var reply = await Http.PutAsJsonAsync($"/v1/nodes/{node}/states/provision", new JsonObject { ["target"] = target });
        Assert.True((int)reply.StatusCode == 202, $"{target}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
        await WhenIdleAsync();
        return await GetAsync($"/v1/nodes/{node}");
    }
}
