using System.Text.Json.Nodes;
using Ironic.Conductor.Periodic;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>The redfish hardware type through the real API and conductor, against the emulator.</summary>
public sealed class RedfishApiTests(RedfishApiServer server) : IClassFixture<RedfishApiServer>
{
    [Fact]
    public async Task ARedfishNode_Validates_PowersOnAndOff_AndSetsItsBootDevice()
    {
        var system = server.NextSystem();
        var uuid = await server.EnrollAsync(system);
        var node = await server.GetNodeAsync(uuid);
        Assert.Equal(["redfish", "redfish", "redfish", "redfish"],
            new[] { "power_interface", "management_interface", "bios_interface", "inspect_interface" }.Select(k => (string?)node[k]));
        Assert.Equal("******", (string?)node["driver_info"]!["redfish_password"]);

        var validation = (await server.GetAsync($"/v1/nodes/{uuid}/validate")).Expect(200).Json;
        foreach (var kind in new[] { "power", "management", "bios", "inspect" })
        {
            Assert.True((bool)validation[kind]!["result"]!, validation.ToJsonString());
        }

        Assert.Equal("power on", (string?)(await server.SetPowerStateAsync(uuid, "power on"))["power_state"]);
        Assert.Equal("On", system.PowerState);

        (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/management/boot_device", new JsonObject { ["boot_device"] = "pxe", ["persistent"] = true })).Expect(204);
        Assert.Equal(("Pxe", "Continuous"), (system.BootTarget, system.BootEnabled));
        var device = (await server.GetAsync($"/v1/nodes/{uuid}/management/boot_device")).Expect(200).Json;
        Assert.Equal(("pxe", true), ((string?)device["boot_device"], (bool?)device["persistent"]));
        var supported = (await server.GetAsync($"/v1/nodes/{uuid}/management/boot_device/supported")).Expect(200).Json;
        Assert.Equal(["pxe", "disk", "cdrom", "bios"], supported["supported_boot_devices"]!.AsArray().Select(d => (string?)d));

        var rebooted = await server.SetPowerStateAsync(uuid, "rebooting");
        Assert.Equal("power on", (string?)rebooted["power_state"]);
        Assert.Equal(("On", "Pxe"), (system.LastResetType, system.LastBootTarget));

        Assert.Equal("power off", (string?)(await server.SetPowerStateAsync(uuid, "power off"))["power_state"]);
        Assert.Equal("Off", system.PowerState);
    }

    [Fact]
    public async Task TheRedfishDriver_IsListed_WithItsProperties()
    {
        var driver = (await server.GetAsync("/v1/drivers/redfish")).Expect(200).Json;
        Assert.Equal("redfish", (string?)driver["default_power_interface"]);
        Assert.Equal("redfish", (string?)driver["default_inspect_interface"]);
        Assert.Contains("noop", driver["enabled_management_interfaces"]!.AsArray().Select(v => (string?)v));

        var properties = (await server.GetAsync("/v1/drivers/redfish/properties")).Expect(200).Json;
        Assert.EndsWith("Required.", (string?)properties["redfish_address"]);
        Assert.EndsWith("Optional.", (string?)properties["redfish_verify_ca"]);
    }

    [Fact]
    public async Task APowerChangeTheBmcRefuses_IsTheNodesLastError_WithoutThePassword()
    {
        var system = server.NextSystem();
        var uuid = await server.EnrollAsync(system);
        var patched = new JsonArray(new JsonObject { ["op"] = "replace", ["path"] = "/driver_info/redfish_password", ["value"] = "not-the-api-s3cret" });
        var reply = await server.SendAsync(HttpMethod.Patch, $"/v1/nodes/{uuid}", patched);
        Assert.True(reply.Status == 200, reply.Body);

        var node = await server.SetPowerStateAsync(uuid, "power on");

        var error = (string?)node["last_error"];
        Assert.NotNull(error);
        Assert.Contains("401", error);
        Assert.DoesNotContain("not-the-api-s3cret", error);
        Assert.Equal("Off", system.PowerState);
    }

    [Fact]
    public async Task Inspection_RecordsTheHardwareProperties_AndCreatesPorts()
    {
        var system = server.NextSystem();
        var uuid = await server.EnrollAsync(system);
        Assert.Equal("manageable", (string?)(await server.SetProvisionStateAsync(uuid, new JsonObject { ["target"] = "manage" }))["provision_state"]);

        var node = await server.SetProvisionStateAsync(uuid, new JsonObject { ["target"] = "inspect" });

        Assert.True((string?)node["provision_state"] == "manageable", node.ToJsonString());
        Assert.Null((string?)node["last_error"]);
        var p = node["properties"]!;
        Assert.Equal((32, "x86_64", "32768", "446"), ((int)p["cpus"]!, (string?)p["cpu_arch"], (string?)p["memory_mb"], (string?)p["local_gb"]));
        Assert.Equal("boot_mode:uefi", (string?)p["capabilities"]);
        var ports = (await server.GetAsync($"/v1/ports?node={uuid}")).Expect(200).Json;
        Assert.Equal(system.Nics.Select(n => n.Mac).Order(), ports["ports"]!.AsArray().Select(port => (string?)port!["address"]).Order());

        // A second inspection finds the same NICs and creates nothing new.
        await server.SetProvisionStateAsync(uuid, new JsonObject { ["target"] = "inspect" });
        Assert.Equal(2, (await server.GetAsync($"/v1/ports?node={uuid}")).Expect(200).Json["ports"]!.AsArray().Count);
    }

    [Fact]
    public async Task ManualCleaning_AppliesBiosSettings_ThroughTheCleanStep()
    {
        var system = server.NextSystem();
        var uuid = await server.EnrollAsync(system);
        var managed = await server.SetProvisionStateAsync(uuid, new JsonObject { ["target"] = "manage" });
        // Manage reads the boot mode and caches the BIOS settings, with the registry's fields.
        Assert.Equal("uefi", (string?)managed["boot_mode"]);
        var before = (await server.GetAsync($"/v1/nodes/{uuid}/bios/ProcTurboMode")).Expect(200).Json["ProcTurboMode"]!;
        Assert.Equal(("Enabled", "Enumeration"), ((string?)before["value"], (string?)before["attribute_type"]));
        Assert.Equal(["Enabled", "Disabled"], before["allowable_values"]!.AsArray().Select(v => (string?)v));

        var node = await server.SetProvisionStateAsync(uuid, new JsonObject
        {
            ["target"] = "clean",
            ["clean_steps"] = new JsonArray(new JsonObject
            {
                ["interface"] = "bios",
                ["step"] = "apply_configuration",
                ["args"] = new JsonObject
                {
                    ["settings"] = new JsonArray(new JsonObject { ["name"] = "ProcTurboMode", ["value"] = "Disabled" }),
                },
            }),
        });

        Assert.True((string?)node["provision_state"] == "manageable", node.ToJsonString());
        Assert.Equal("Disabled", system.BiosAttributes["ProcTurboMode"]);
        Assert.True(system.Boots >= 1);
        // After the step the stored settings show what the BMC now has.
        Assert.Equal("Disabled", (string?)(await server.GetAsync($"/v1/nodes/{uuid}/bios/ProcTurboMode")).Expect(200).Json["ProcTurboMode"]!["value"]);
    }

    [Fact]
    public async Task PowerSync_OverFiftyRedfishNodes_RecordsWhatTheBmcsReport()
    {
        var systems = Enumerable.Range(0, 50).Select(_ => server.NextSystem()).ToList();
        var uuids = new List<string>();
        foreach (var system in systems)
        {
            uuids.Add(await server.EnrollAsync(system));
        }

        var sync = server.Services.GetRequiredService<PowerSync>();
        Assert.True(await sync.RunOnceAsync(default) >= 50);
        Assert.All(await RecordedAsync(uuids), state => Assert.Equal("power off", state));

        // Behind Ironic's back: half the machines are switched on at their BMCs.
        for (var i = 0; i < systems.Count; i += 2)
        {
            systems[i].PowerState = "On";
        }

        Assert.True(await sync.RunOnceAsync(default) >= 50);

        var recorded = await RecordedAsync(uuids);
        Assert.Equal(systems.Select(s => s.PowerState == "On" ? "power on" : "power off"), recorded);
    }

    private async Task<List<string?>> RecordedAsync(IEnumerable<string> uuids)
    {
        var states = new List<string?>();
        foreach (var uuid in uuids)
        {
            states.Add((string?)(await server.GetNodeAsync(uuid))["power_state"]);
        }

        return states;
    }
}
