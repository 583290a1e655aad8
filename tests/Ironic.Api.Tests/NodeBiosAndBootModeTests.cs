namespace Ironic.Api.Tests;

/// <summary>
/// BIOS settings (<c>/v1/nodes/{node}/bios</c>, 1.40 and 1.74), boot mode and secure boot (1.75/1.76),
/// and the request parameters of 1.69–1.77.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class NodeBiosAndBootModeTests(ApiServer server)
{
    private async Task<string> ManagedNodeAsync()
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        await ProvisionAsync(uuid, """{"target": "manage"}""");
        return uuid;
    }

    private async Task<Reply> ProvisionAsync(string uuid, string body, string version = "latest")
    {
        var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", version, body);
        await server.WhenIdleAsync();
        return reply;
    }

    private async Task<Reply> PutAsync(string path, string body, string version = "latest")
    {
        var reply = await server.SendAsync(HttpMethod.Put, path, version, body);
        await server.WhenIdleAsync();
        return reply;
    }

    [Fact]
    public async Task BiosStep_CachesTheSettings_ShownWithRegistryFieldsOnDetail()
    {
        var uuid = await ManagedNodeAsync();
        await ProvisionAsync(uuid, """
            {"target": "clean", "clean_steps": [{"interface": "bios", "step": "apply_configuration",
             "args": {"settings": [{"name": "ProcTurboMode", "value": "Disabled"}, {"name": "BootMode", "value": "Uefi"}]}}]}
            """);

        var list = (await server.GetAsync($"/v1/nodes/{uuid}/bios")).Json["bios"]!.AsArray();
        var detail = (await server.GetAsync($"/v1/nodes/{uuid}/bios?detail=true")).Json["bios"]!.AsArray();
        var one = (await server.GetAsync($"/v1/nodes/{uuid}/bios/ProcTurboMode")).Json;
        var old = (await server.GetAsync($"/v1/nodes/{uuid}/bios/ProcTurboMode", "1.40")).Json;

        Assert.Equal(["BootMode", "ProcTurboMode"], list.Select(s => (string?)s!["name"]));
        Assert.Equal(["created_at", "updated_at", "name", "value", "links"], list[0]!.AsObject().Select(kv => kv.Key));
        Assert.Equal("Disabled", (string?)list[1]!["value"]);
        Assert.Empty(detail[0]!["allowable_values"]!.AsArray());
        Assert.True(detail[0]!.AsObject().ContainsKey("reset_required"));
        Assert.Equal("Disabled", (string?)one["ProcTurboMode"]!["value"]);
        Assert.True(one["ProcTurboMode"]!.AsObject().ContainsKey("attribute_type"));
        Assert.False(old["ProcTurboMode"]!.AsObject().ContainsKey("attribute_type"));
        Assert.EndsWith($"/v1/nodes/{uuid}/bios/ProcTurboMode", (string?)one["ProcTurboMode"]!["links"]![0]!["href"]);
    }

    [Fact]
    public async Task Bios_AnswersAsIronicForOldVersionsAndBadQueries()
    {
        var uuid = await ManagedNodeAsync();

        Assert.Equal(404, (await server.GetAsync($"/v1/nodes/{uuid}/bios", "1.39")).Status);
        Assert.Equal("Invalid query parameter ?detail=true received.", (await server.GetAsync($"/v1/nodes/{uuid}/bios?detail=true", "1.73")).Fault);
        Assert.Equal("Can not specify ?detail=True and fields in the same request.",
            (await server.GetAsync($"/v1/nodes/{uuid}/bios?detail=true&fields=name")).Fault);
        Assert.Equal("Field(s) \"colour\" are not valid", (await server.GetAsync($"/v1/nodes/{uuid}/bios?fields=name,colour")).Fault);
        Assert.Equal($"Node {uuid} doesn't have a BIOS setting 'Nope'", (await server.GetAsync($"/v1/nodes/{uuid}/bios/Nope")).Fault);
    }

    [Fact]
    public async Task BootMode_ChangesThroughTheManagementInterface_AndShowsOnTheNode()
    {
        var uuid = await ManagedNodeAsync();

        var set = await PutAsync($"/v1/nodes/{uuid}/states/boot_mode", """{"target": "bios"}""");
        var node = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        var refused = await PutAsync($"/v1/nodes/{uuid}/states/secure_boot", """{"target": true}""");
        var failed = (await server.GetAsync($"/v1/nodes/{uuid}/states")).Json;
        await PutAsync($"/v1/nodes/{uuid}/states/boot_mode", """{"target": "uefi"}""");
        await PutAsync($"/v1/nodes/{uuid}/states/secure_boot", """{"target": true}""");
        var states = (await server.GetAsync($"/v1/nodes/{uuid}/states")).Json;

        Assert.Equal(202, set.Status);
        Assert.EndsWith($"/v1/nodes/{uuid}/states", set.Header("Location"));
        Assert.Equal("bios", (string?)node["boot_mode"]);
        Assert.Equal(202, refused.Status);
        Assert.Contains("Secure boot can only be enabled", (string?)failed["last_error"], StringComparison.Ordinal);
        Assert.Equal("uefi", (string?)states["boot_mode"]);
        Assert.True((bool?)states["secure_boot"]);
        Assert.Null((string?)states["last_error"]);
    }

    [Fact]
    public async Task BootMode_RefusesBadTargetsOldVersionsAndMovingNodes()
    {
        var uuid = await ManagedNodeAsync();
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;

        Assert.Equal("This endpoint is supported starting with the API version 1.76",
            (await PutAsync($"/v1/nodes/{uuid}/states/boot_mode", """{"target": "uefi"}""", "1.75")).Fault);
        Assert.Equal("Invalid boot mode legacy requested for node. Allowed boot modes are: bios, uefi",
            (await PutAsync($"/v1/nodes/{uuid}/states/boot_mode", """{"target": "legacy"}""")).Fault);
        Assert.Equal("Invalid secure_boot maybe requested for node. Allowed secure_boot states are: True, False",
            (await PutAsync($"/v1/nodes/{uuid}/states/secure_boot", """{"target": "maybe"}""")).Fault);
        Assert.False((await server.GetAsync($"/v1/nodes/{uuid}", "1.74")).Json.ContainsKey("boot_mode"));

        node.ProvisionState = "cleaning";
        await server.Store.Nodes.UpdateAsync(node, ["provision_state"]);
        var moving = await PutAsync($"/v1/nodes/{uuid}/states/boot_mode", """{"target": "uefi"}""");
        Assert.Equal(409, moving.Status);
        Assert.StartsWith("Node is in cleaning state.", moving.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAndUndeployVerbs_AndDeploySteps_FollowTheirMicroversions()
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        await ProvisionAsync(uuid, """{"target": "manage"}""");
        await ProvisionAsync(uuid, """{"target": "provide"}""");

        Assert.Equal(406, (await ProvisionAsync(uuid, """{"target": "deploy"}""", "1.72")).Status);
        Assert.Equal("Request not acceptable. The minimal required API version should be 1.69",
            (await ProvisionAsync(uuid, """{"target": "active", "deploy_steps": [{"interface": "deploy", "step": "deploy", "priority": 100}]}""", "1.68")).Fault);
        Assert.Equal("\"deploy_steps\" is only valid when setting target provision state to active or rebuild",
            (await ProvisionAsync(uuid, """{"target": "manage", "deploy_steps": []}""")).Fault);
        Assert.Equal(202, (await ProvisionAsync(uuid, """{"target": "deploy", "deploy_steps": [{"interface": "deploy", "step": "deploy", "priority": 100}]}""")).Status);
        Assert.Equal("active", (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_state"]);
        Assert.Equal(202, (await ProvisionAsync(uuid, """{"target": "undeploy"}""")).Status);
        Assert.Equal("available", (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_state"]);
    }

    [Fact]
    public async Task DisableRamdisk_OnlyWithManualCleaning_FromItsMicroversion()
    {
        var uuid = await ManagedNodeAsync();
        const string Steps = "\"clean_steps\": [{\"interface\": \"power\", \"step\": \"fake_sync\"}]";

        Assert.Equal("disable_ramdisk is not acceptable in this API version",
            (await ProvisionAsync(uuid, $$"""{"target": "clean", {{Steps}}, "disable_ramdisk": true}""", "1.69")).Fault);
        Assert.Equal("disable_ramdisk is supported only with manual cleaning",
            (await ProvisionAsync(uuid, """{"target": "provide", "disable_ramdisk": true}""")).Fault);
        Assert.Equal(202, (await ProvisionAsync(uuid, $$"""{"target": "clean", {{Steps}}, "disable_ramdisk": true}""")).Status);
        Assert.Equal("manageable", (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_state"]);
        Assert.Equal("\"rescue_password\" is only valid when setting target provision state to rescue",
            (await ProvisionAsync(uuid, """{"target": "provide", "rescue_password": "x"}""")).Fault);
    }

    [Fact]
    public async Task DriverFields_SelectWhatIsShown_From177()
    {
        var list = (await server.GetAsync("/v1/drivers?fields=name,default_power_interface")).Json["drivers"]!.AsArray();
        var one = (await server.GetAsync("/v1/drivers/fake-hardware?fields=enabled_power_interfaces")).Json;

        Assert.All(list, d => Assert.Equal(["name", "links", "default_power_interface"], d!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal).Reverse().ToList()));
        Assert.Equal(["enabled_power_interfaces", "links"], one.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(406, (await server.GetAsync("/v1/drivers?fields=name", "1.76")).Status);
        Assert.Equal("Field(s) \"colour\" are not valid", (await server.GetAsync("/v1/drivers/fake-hardware?fields=colour")).Fault);
        Assert.Equal("Can not specify ?detail=True and fields in the same request.", (await server.GetAsync("/v1/drivers?detail=true&fields=name")).Fault);
    }
}
