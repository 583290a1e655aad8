using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// The ipmi hardware type through the HTTP API of the real application, against ipmi_sim BMCs:
/// enrolment, validation, power, boot device, vendor methods, a BMC that is down, and the periodic
/// power sync over fifty nodes.
/// </summary>
[Collection(IpmiApiCollection.Name)]
public sealed class IpmiApiTests(IpmiApiServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task DriverProperties_ListTheIpmiKeys()
    {
        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/drivers/ipmi/properties");

        Assert.Equal(200, status);
        Assert.Equal("IP address or hostname of the node. Required.", (string?)body!["ipmi_address"]);
        Assert.EndsWith("Optional.", (string?)body["ipmi_password"]);
    }

    [Fact]
    public async Task NewNode_GetsTheIpmitoolInterfaces_AndValidates()
    {
        var uuid = await server.CreateNodeAsync(0);
        var node = await server.GetNodeAsync(uuid);
        Assert.Equal("ipmitool", (string?)node["power_interface"]);
        Assert.Equal("ipmitool", (string?)node["management_interface"]);
        Assert.Equal("ipmitool", (string?)node["vendor_interface"]);
        Assert.Equal("******", (string?)node["driver_info"]!["ipmi_password"]);

        var (status, validation) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/validate");
        Assert.Equal(200, status);
        Assert.True((bool)validation!["power"]!["result"]!);
        Assert.True((bool)validation["management"]!["result"]!);
    }

    [Fact]
    public async Task Validate_WithoutAddress_ReportsIronicsMessage()
    {
        var uuid = await server.CreateNodeAsync(0, new JsonObject { ["ipmi_username"] = "admin" });

        var (_, validation) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/validate");

        Assert.False((bool)validation!["power"]!["result"]!);
        Assert.Equal("Missing the following IPMI credentials in node's driver_info: ['ipmi_address'].", (string?)validation["power"]!["reason"]);
    }

    [Fact]
    public async Task PowerOnOffAndReboot_ThroughTheApi_DriveTheSimulatedMachine()
    {
        server.Bmcs.SetChassis(1, power: "0");
        var uuid = await server.CreateNodeAsync(1);

        var node = await server.SetPowerStateAsync(uuid, "power on");
        Assert.Equal("power on", (string?)node["power_state"]);
        Assert.Null(node["target_power_state"]);
        Assert.Equal("1", server.Bmcs.Chassis(1)["power"]);

        var before = server.Bmcs.Events(1).Count;
        node = await server.SetPowerStateAsync(uuid, "rebooting");
        Assert.Equal("power on", (string?)node["power_state"]);
        Assert.Equal(["power 0", "power 1"], server.Bmcs.Events(1).Skip(before));

        node = await server.SetPowerStateAsync(uuid, "power off");
        Assert.Equal("power off", (string?)node["power_state"]);
        Assert.Null(node["last_error"]);
        Assert.Equal("0", server.Bmcs.Chassis(1)["power"]);
    }

    [Fact]
    public async Task BootDevice_SetAndShown_ThroughTheApi()
    {
        server.Bmcs.SetChassis(2, power: "0", boot: "none");
        var uuid = await server.CreateNodeAsync(2);

        var (status, _) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/management/boot_device",
            new JsonObject { ["boot_device"] = "cdrom", ["persistent"] = false });
        Assert.Equal(204, status);
        Assert.Equal("cdrom", server.Bmcs.Chassis(2)["boot"]);

        var (_, shown) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/management/boot_device");
        Assert.Equal("cdrom", (string?)shown!["boot_device"]);

        var (_, supported) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/management/boot_device/supported");
        Assert.Equal(["pxe", "disk", "cdrom", "bios", "safe"], supported!["supported_boot_devices"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public async Task VendorPassthru_SendRawAndBmcReset_RunOnTheConductor()
    {
        server.Bmcs.SetChassis(3, power: "0", boot: "none");
        var uuid = await server.CreateNodeAsync(3);

        var (_, methods) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/vendor_passthru/methods");
        Assert.Equal(["POST"], methods!["send_raw"]!["http_methods"]!.AsArray().Select(m => (string?)m));
        Assert.False((bool)methods["bmc_reset"]!["async"]!);
        Assert.False((bool)methods["send_raw"]!["async"]!);

        // Set System Boot Options, boot device selector: BIOS setup. Synchronous: the answer comes back.
        var (status, answer) = await server.SendAsync(HttpMethod.Post, $"/v1/nodes/{uuid}/vendor_passthru/send_raw",
            new JsonObject { ["raw_bytes"] = "0x00 0x08 0x05 0x80 0x18 0x00 0x00 0x00" });
        Assert.Equal(200, status);
        Assert.Equal("0x00 0x08 0x05 0x80 0x18 0x00 0x00 0x00", (string?)answer!["raw_bytes"]);
        Assert.Equal("bios", server.Bmcs.Chassis(3)["boot"]);

        (status, var error) = await server.SendAsync(HttpMethod.Post, $"/v1/nodes/{uuid}/vendor_passthru/send_raw", new JsonObject());
        Assert.Equal(400, status);
        Assert.Contains("Parameter raw_bytes (string of bytes) was not specified.", error!.ToJsonString());

        // ipmi_sim refuses a warm reset: the caller gets the failure, the node is left as it was.
        (status, error) = await server.SendAsync(HttpMethod.Post, $"/v1/nodes/{uuid}/vendor_passthru/bmc_reset", new JsonObject { ["warm"] = true });
        Assert.Equal(500, status);
        Assert.Contains("IPMI call failed: bmc reset warm.", error!.ToJsonString());
        Assert.Null((string?)(await server.GetNodeAsync(uuid))["last_error"]);

        (status, answer) = await server.SendAsync(HttpMethod.Post, $"/v1/nodes/{uuid}/vendor_passthru/bmc_reset", new JsonObject { ["warm"] = false });
        Assert.Equal(200, status);
        Assert.Equal("cold", (string?)answer!["reset"]);
    }

    [Fact]
    public async Task RamdiskDeploy_WithPxe_PowersTheMachineOnBootingFromPxe_AndUndeployPowersItOff()
    {
        server.Bmcs.SetChassis(4, power: "0", boot: "none");
        var info = server.Bmcs.DriverInfo(4);
        info["deploy_kernel"] = "http://images.example/ipa.kernel";
        info["deploy_ramdisk"] = "http://images.example/ipa.initramfs";
        var (status, created) = await server.SendAsync(HttpMethod.Post, "/v1/nodes", new JsonObject
        {
            ["driver"] = "ipmi",
            ["driver_info"] = info,
            ["automated_clean"] = false,
            ["instance_info"] = new JsonObject { ["kernel"] = "http://images.example/vmlinuz", ["ramdisk"] = "http://images.example/initrd.img" },
        });
        Assert.True(status == 201, created?.ToJsonString());
        var uuid = (string)created!["uuid"]!;
        Assert.Equal("pxe", (string?)created["boot_interface"]);
        Assert.Equal("ramdisk", (string?)created["deploy_interface"]);
        (status, var port) = await server.SendAsync(HttpMethod.Post, "/v1/ports", new JsonObject { ["node_uuid"] = uuid, ["address"] = "52:54:00:aa:00:04" });
        Assert.True(status == 201, port?.ToJsonString());

        foreach (var (target, expected) in new[] { ("manage", "manageable"), ("provide", "available"), ("active", "active") })
        {
            (status, var body) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", new JsonObject { ["target"] = target });
            Assert.True(status == 202, body?.ToJsonString());
            var node = await WaitForStableAsync(uuid);
            Assert.True((string?)node["provision_state"] == expected, node.ToJsonString());
        }

        Assert.Equal("1", server.Bmcs.Chassis(4)["power"]);
        Assert.Equal("pxe", server.Bmcs.Chassis(4)["boot"]);
        Assert.Equal("power on", (string?)(await server.GetNodeAsync(uuid))["power_state"]);

        (status, _) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", new JsonObject { ["target"] = "deleted" });
        Assert.Equal(202, status);
        var undeployed = await WaitForStableAsync(uuid);
        Assert.True((string?)undeployed["provision_state"] == "available", undeployed.ToJsonString());
        Assert.Equal("0", server.Bmcs.Chassis(4)["power"]);
    }

    /// <summary>Polls until the node has no target provision state (the conductor's workers may chain steps).</summary>
    private async Task<JsonObject> WaitForStableAsync(string uuid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await server.WhenIdleAsync();
            var node = await server.GetNodeAsync(uuid);
            if (node["target_provision_state"] is null || DateTime.UtcNow > deadline)
            {
                return node;
            }
        }
    }

    [Fact]
    public async Task Console_EnabledThroughTheApi_ListensForClients_AndDisablingStopsIt()
    {
        var uuid = await server.CreateNodeAsync(5);
        Assert.Equal("ipmitool-socat", (string?)(await server.GetNodeAsync(uuid))["console_interface"]);

        var (status, body) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/console", new JsonObject { ["enabled"] = true });
        Assert.True(status == 202, body?.ToJsonString());
        await server.WhenIdleAsync();
        (_, var shown) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/states/console");
        Assert.True((bool)shown!["console_enabled"]!, shown.ToJsonString());
        Assert.Equal("socat", (string?)shown["console_info"]!["type"]);
        var url = new Uri((string)shown["console_info"]!["url"]!);
        Assert.Equal("tcp", url.Scheme);
        Assert.InRange(url.Port, server.ConsolePorts, server.ConsolePorts + 20);
        Assert.Contains(System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners(), e => e.Port == url.Port);

        (status, _) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/console", new JsonObject { ["enabled"] = false });
        Assert.Equal(202, status);
        await server.WhenIdleAsync();
        (_, shown) = await server.SendAsync(HttpMethod.Get, $"/v1/nodes/{uuid}/states/console");
        Assert.False((bool)shown!["console_enabled"]!, shown.ToJsonString());
        Assert.DoesNotContain(System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners(), e => e.Port == url.Port);
        Assert.Null((await server.GetNodeAsync(uuid))["last_error"]);
    }

    [Fact]
    public async Task PowerOn_OfANodeWhoseBmcIsDown_FailsNamingTheBmc_WithoutThePassword()
    {
        var info = server.Bmcs.DriverInfo(0);
        var down = SimulatedBmcs.UnusedUdpPort();
        info["ipmi_port"] = down;
        var uuid = await server.CreateNodeAsync(0, info);

        var node = await server.SetPowerStateAsync(uuid, "power on");

        var error = (string?)node["last_error"];
        Assert.Contains("IPMI call failed: power status.", error);
        Assert.Contains($"127.0.0.1:{down}", error);
        Assert.DoesNotContain(SimulatedBmcs.Password, node.ToJsonString());
    }

    [Fact]
    public async Task PowerSync_OverFiftyNodes_RecordsEachNodesState_AndFollowsChangesMadeBehindItsBack()
    {
        var sync = server.Services.GetRequiredService<Ironic.Conductor.Periodic.PowerSync>();
        for (var i = 0; i < server.Bmcs.Count; i++)
        {
            server.Bmcs.SetChassis(i, power: i % 2 == 0 ? "1" : "0");
        }

        // Only the fifty nodes of this test: other tests' nodes go into maintenance so the sync skips them.
        var (_, existing) = await server.SendAsync(HttpMethod.Get, "/v1/nodes?fields=uuid");
        foreach (var n in existing!["nodes"]!.AsArray())
        {
            await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{(string?)n!["uuid"]}/maintenance", new JsonObject { ["reason"] = "other test" });
        }

        var nodes = new List<string>();
        for (var i = 0; i < server.Bmcs.Count; i++)
        {
            nodes.Add(await server.CreateNodeAsync(i));
        }

        var (wall, cpu, read) = await MeasureAsync(() => sync.RunOnceAsync(default));
        if (read != server.Bmcs.Count)
        {
            foreach (var uuid in nodes)
            {
                var n = await server.GetNodeAsync(uuid);
                output.WriteLine($"{uuid}: {(string?)n["power_state"]} {(string?)n["maintenance_reason"]}");
            }
        }

        Assert.Equal(server.Bmcs.Count, read);
        output.WriteLine($"power sync over {server.Bmcs.Count} ipmi nodes (first, records every state): wall {wall.TotalMilliseconds:0} ms, CPU {cpu.TotalMilliseconds:0} ms");
        for (var i = 0; i < server.Bmcs.Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? "power on" : "power off", (string?)(await server.GetNodeAsync(nodes[i]))["power_state"]);
        }

        // Every fifth machine changes state behind Ironic's back; force_power_state_during_sync is off here.
        for (var i = 0; i < server.Bmcs.Count; i += 5)
        {
            server.Bmcs.SetChassis(i, power: i % 2 == 0 ? "0" : "1");
        }

        (wall, cpu, read) = await MeasureAsync(() => sync.RunOnceAsync(default));
        Assert.Equal(server.Bmcs.Count, read);
        output.WriteLine($"power sync over {server.Bmcs.Count} ipmi nodes (second, 10 changed): wall {wall.TotalMilliseconds:0} ms, CPU {cpu.TotalMilliseconds:0} ms");
        for (var i = 0; i < server.Bmcs.Count; i++)
        {
            var on = i % 5 == 0 ? i % 2 != 0 : i % 2 == 0;
            Assert.Equal(on ? "power on" : "power off", (string?)(await server.GetNodeAsync(nodes[i]))["power_state"]);
        }
    }

    /// <summary>Wall time and CPU time of this process plus its finished children (the ipmitool runs).</summary>
    internal static async Task<(TimeSpan Wall, TimeSpan Cpu, int Result)> MeasureAsync(Func<Task<int>> action)
    {
        var cpuBefore = CpuWithChildren();
        var clock = Stopwatch.StartNew();
        var result = await action();
        clock.Stop();
        return (clock.Elapsed, CpuWithChildren() - cpuBefore, result);
    }

    // /proc/self/stat fields 14-17: utime, stime, cutime, cstime in clock ticks (100 per second on Linux).
    private static TimeSpan CpuWithChildren()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
