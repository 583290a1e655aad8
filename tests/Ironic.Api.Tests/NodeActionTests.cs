namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class NodeActionTests(ApiServer server)
{
    private async Task<string> NewNodeAsync() => (string)(await server.CreateNodeAsync(ApiServer.UniqueName("act")))["uuid"]!;

    private async Task<Reply> PowerAsync(string uuid, string body, string version = "latest")
    {
        var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/power", version, body);
        await server.WhenIdleAsync();
        return reply;
    }

    [Fact]
    public async Task PowerOnOffReboot_AreRecordedOnTheNode()
    {
        var uuid = await NewNodeAsync();

        var on = await PowerAsync(uuid, """{"target": "power on"}""");
        Assert.Equal(202, on.Status);
        Assert.Equal("", on.Body);
        Assert.Equal($"{server.BaseUrl}/v1/nodes/{uuid}/states", on.Header("Location"));
        var states = (await server.GetAsync($"/v1/nodes/{uuid}/states")).Json;
        Assert.Equal("power on", (string?)states["power_state"]);
        Assert.Null(states["target_power_state"]);
        Assert.Null((await server.GetAsync($"/v1/nodes/{uuid}")).Json["reservation"]);

        await PowerAsync(uuid, """{"target": "power off"}""");
        Assert.Equal("power off", (string?)(await server.GetAsync($"/v1/nodes/{uuid}/states")).Json["power_state"]);

        await PowerAsync(uuid, """{"target": "rebooting"}""");
        Assert.Equal("power on", (string?)(await server.GetAsync($"/v1/nodes/{uuid}/states")).Json["power_state"]);

        await PowerAsync(uuid, """{"target": "soft power off", "timeout": 10}""");
        Assert.Equal("power off", (string?)(await server.GetAsync($"/v1/nodes/{uuid}/states")).Json["power_state"]);
    }

    [Theory]
    [InlineData("""{"target": "sideways"}""", "latest", 400, "The requested action \"sideways\" can not be performed on node")]
    [InlineData("""{"target": "power on", "timeout": 0}""", "latest", 400, "timeout has to be positive integer")]
    [InlineData("""{"target": "soft power off"}""", "1.26", 406, "Request not acceptable.")]
    [InlineData("""{}""", "latest", 400, "Missing mandatory parameter: target")]
    [InlineData("""{"target": "power on", "bogus": 1}""", "latest", 400, "Unexpected arguments: bogus")]
    public async Task BadPowerRequests_AreRefused(string body, string version, int status, string message)
    {
        var uuid = await NewNodeAsync();

        var reply = await PowerAsync(uuid, body, version);

        Assert.Equal(status, reply.Status);
        Assert.StartsWith(message, reply.Fault);
    }

    [Fact]
    public async Task PowerChangeOfALockedNode_Is409()
    {
        var uuid = await NewNodeAsync();
        await server.Store.Reservations.TryReserveAsync(uuid, "busy-conductor", "deploying", DateTimeOffset.UtcNow);

        var reply = await PowerAsync(uuid, """{"target": "power on"}""");

        Assert.Equal(409, reply.Status);
        Assert.Contains("busy-conductor", reply.Fault, StringComparison.Ordinal);
        await server.Store.Reservations.ReleaseAsync(uuid, "busy-conductor");
    }

    [Fact]
    public async Task BootDevice_SetShowAndSupported()
    {
        var uuid = await NewNodeAsync();

        var set = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/management/boot_device", json: """{"boot_device": "pxe", "persistent": true}""");
        var shown = (await server.GetAsync($"/v1/nodes/{uuid}/management/boot_device")).Json;
        var supported = (await server.GetAsync($"/v1/nodes/{uuid}/management/boot_device/supported")).Json;
        var bad = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/management/boot_device", json: """{"boot_device": "floppy"}""");

        Assert.Equal(204, set.Status);
        Assert.Equal("pxe", (string?)shown["boot_device"]);
        Assert.True((bool)shown["persistent"]!);
        Assert.Equal("[\"pxe\"]", supported["supported_boot_devices"]!.ToJsonString());
        Assert.Equal(400, bad.Status);
        Assert.Contains("floppy", bad.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectNmi_Is204FromItsMicroversion()
    {
        var uuid = await NewNodeAsync();

        Assert.Equal(204, (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/management/inject_nmi", json: "{}")).Status);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/management/inject_nmi", "1.28", "{}")).Status);
    }

    [Fact]
    public async Task Console_EnableShowDisable()
    {
        var uuid = await NewNodeAsync();

        var off = (await server.GetAsync($"/v1/nodes/{uuid}/states/console")).Json;
        var enable = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/console", json: """{"enabled": true}""");
        await server.WhenIdleAsync();
        var on = (await server.GetAsync($"/v1/nodes/{uuid}/states/console")).Json;
        await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/console", json: """{"enabled": "false"}""");
        await server.WhenIdleAsync();

        Assert.False((bool)off["console_enabled"]!);
        Assert.Null(off["console_info"]);
        Assert.Equal(202, enable.Status);
        Assert.True((bool)on["console_enabled"]!);
        Assert.NotNull(on["console_info"]);
        Assert.False((bool)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["console_enabled"]!);
    }

    [Fact]
    public async Task States_ShowsTheStateFields()
    {
        var uuid = await NewNodeAsync();

        var states = (await server.GetAsync($"/v1/nodes/{uuid}/states")).Json;

        Assert.Equal(["console_enabled", "last_error", "power_state", "provision_state", "provision_updated_at", "target_power_state",
            "target_provision_state", "raid_config", "target_raid_config", "boot_mode", "secure_boot"], states.Select(kv => kv.Key).ToList());
        Assert.Equal("enroll", (string?)states["provision_state"]);
    }

    [Fact]
    public async Task ConsoleAlreadyInTheRequestedMode_NeedsNoWorker()
    {
        var uuid = await NewNodeAsync();
        var (_, release) = server.FillWorkerPool();
        await using (release)
        {
            // The console is off: asking for off does nothing, so a full pool does not matter.
            var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/console", json: """{"enabled": false}""");
            var enable = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/console", json: """{"enabled": true}""");

            Assert.Equal(202, reply.Status);
            Assert.Equal(503, enable.Status);
            Assert.Null((await server.GetAsync($"/v1/nodes/{uuid}")).Json["reservation"]);
        }
    }
}
