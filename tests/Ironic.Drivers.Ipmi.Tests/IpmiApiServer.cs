using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ironic.Common.Config;
using Ironic.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// Fifty ipmi_sim BMCs and the real application (API + conductor, temp SQLite) on a free loopback port,
/// with the <c>ipmi</c> hardware type enabled as an operator would (pxe boot, ramdisk deploy), loaded
/// from the plugins folder like any plugin. The periodic power sync is off: tests run it themselves.
/// </summary>
public sealed class IpmiApiServer() : SimulatedBmcs(50)
{
    private readonly string stateDir = Path.Combine(Path.GetTempPath(), "ironic-ipmi-api-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication? app;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The first port of [console] port_range (ports the consoles' socat listen on).</summary>
    public int ConsolePorts { get; } = Math.Min(UnusedUdpPort(), 65000);

    public IServiceProvider Services => app!.Services;

    /// <summary>Waits until the conductor's asynchronous work (power actions, vendor methods) has finished.</summary>
    public Task WhenIdleAsync() => Services.GetRequiredService<Ironic.Conductor.Workers.WorkerPool>().WhenIdleAsync();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var options = IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__STATE_PATH"] = stateDir,
            ["IRONIC_DEFAULT__HOST"] = "ipmi-api-test",
            ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = "ipmi",
            ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "pxe",
            ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "ramdisk",
            ["IRONIC_DEFAULT__ENABLED_POWER_INTERFACES"] = "ipmitool",
            ["IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES"] = "ipmitool",
            ["IRONIC_DEFAULT__ENABLED_VENDOR_INTERFACES"] = "ipmitool,no-vendor",
            ["IRONIC_IPMI__MIN_COMMAND_INTERVAL"] = "0.01",
            ["IRONIC_IPMI__COMMAND_RETRY_TIMEOUT"] = "1",
            ["IRONIC_CONDUCTOR__SYNC_POWER_STATE_INTERVAL"] = "0",
            ["IRONIC_CONDUCTOR__FORCE_POWER_STATE_DURING_SYNC"] = "false",
            ["IRONIC_CONSOLE__PORT_RANGE"] = $"{ConsolePorts}:{ConsolePorts + 20}",
            ["IRONIC_CONSOLE__SOCAT_ADDRESS"] = "127.0.0.1",
        });
        app = await IronicHost.CreateAsync(options, "http://127.0.0.1:0", logging: _ => { });
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(IronicHost.ListeningAddress(app)) };
    }

    public override async Task DisposeAsync()
    {
        Http?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await base.DisposeAsync();
        Directory.Delete(stateDir, recursive: true);
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-OpenStack-Ironic-API-Version", "latest");
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Creates an ipmi node for BMC <paramref name="bmc"/> and returns its UUID.</summary>
    public async Task<string> CreateNodeAsync(int bmc, JsonObject? driverInfo = null)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/nodes", new JsonObject
        {
            ["driver"] = "ipmi",
            ["driver_info"] = driverInfo ?? DriverInfo(bmc),
        });
        Assert.True(status == 201, body?.ToJsonString());
        return (string)body!["uuid"]!;
    }

    public async Task<JsonObject> GetNodeAsync(string uuid) => (await SendAsync(HttpMethod.Get, "/v1/nodes/" + uuid)).Body!.AsObject();

    /// <summary>Asks for a power state and waits for the conductor to finish; returns the node afterwards.</summary>
    public async Task<JsonObject> SetPowerAsync(string uuid, string target)
    {
        var (status, body) = await SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/power", new JsonObject { ["target"] = target });
        Assert.True(status == 202, body?.ToJsonString());
        await WhenIdleAsync();
        return await GetNodeAsync(uuid);
    }
}

[CollectionDefinition(Name)]
public sealed class IpmiApiCollection : ICollectionFixture<IpmiApiServer>
{
    public const string Name = "ipmi API";
}
