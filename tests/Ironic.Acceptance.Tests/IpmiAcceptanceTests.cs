using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The <c>ipmi</c> hardware type through the real <c>openstack baremetal</c> CLI against ipmi_sim BMCs:
/// what the CLI asks for is read back from the simulated machine's own state.
/// </summary>
[Collection(IpmiCollection.Name)]
public sealed class IpmiAcceptanceTests(IpmiServerFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan PowerWait = TimeSpan.FromSeconds(30);

    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task IpmiNode_PowerBootDeviceAndSendRaw_ReachTheBmc()
    {
        var created = await cli.ObjectAsync(["node", "create", "--driver", "ipmi", "--name", Unique.Name("acc-ipmi"), .. fixture.DriverInfoArgs(0)]);
        var uuid = (string)created["uuid"]!;
        Assert.Equal("ipmitool", (string?)created["power_interface"]);
        Assert.DoesNotContain(IpmiServerFixture.Password, created.ToJsonString(), StringComparison.Ordinal);

        await cli.OkAsync("node", "power", "on", uuid);
        await cli.PollValueAsync("power on", PowerWait, "power_state", "node", "show", uuid);
        Assert.Equal("1", fixture.Chassis(0)["power"]);

        var before = fixture.Events(0).Count;
        await cli.OkAsync("node", "reboot", uuid);
        await cli.PollValueAsync("None", PowerWait, "target_power_state", "node", "show", uuid);
        Assert.Equal(["power 0", "power 1"], fixture.Events(0).Skip(before).Where(e => e.StartsWith("power", StringComparison.Ordinal)));

        await cli.OkAsync("node", "boot", "device", "set", uuid, "bios");
        Assert.Equal("bios", fixture.Chassis(0)["boot"]);
        Assert.Equal("bios", (string?)(await cli.ObjectAsync("node", "boot", "device", "show", uuid))["boot_device"]);

        // Set System Boot Options, boot device selector CD/DVD, as raw bytes.
        // Both vendor methods are synchronous: the call returns once the BMC has answered.
        var sent = await cli.OkAsync("node", "passthru", "call", uuid, "send_raw", "--arg", "raw_bytes=0x00 0x08 0x05 0x80 0x14 0x00 0x00 0x00");
        Assert.Contains("raw_bytes", sent.StdOut, StringComparison.Ordinal);
        Assert.Equal("cdrom", fixture.Chassis(0)["boot"]);
        var reset = await cli.OkAsync("node", "passthru", "call", uuid, "bmc_reset", "--arg", "warm=False");
        Assert.Contains("cold", reset.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IpmiNode_RamdiskDeployAndUndeploy_PowerTheMachineOnAndOff()
    {
        var uuid = await cli.ValueAsync("uuid", ["node", "create", "--driver", "ipmi", "--name", Unique.Name("acc-ipmi-deploy"),
            "--no-automated-clean", "--deploy-interface", "ramdisk", "--boot-interface", "pxe", .. fixture.DriverInfoArgs(1),
            "--driver-info", "deploy_kernel=http://images.example/ipa.kernel", "--driver-info", "deploy_ramdisk=http://images.example/ipa.initramfs"]);
        await cli.OkAsync("port", "create", Unique.Mac(), "--node", uuid);
        await cli.OkAsync("node", "set", uuid, "--instance-info", "kernel=http://images.example/vmlinuz",
            "--instance-info", "ramdisk=http://images.example/initrd.img");

        await cli.OkAsync("node", "manage", uuid, "--wait", "60");
        await cli.OkAsync("node", "provide", uuid, "--wait", "60");
        await cli.OkAsync("node", "deploy", uuid, "--wait", "60");

        Assert.Equal("1", fixture.Chassis(1)["power"]);
        Assert.Equal("pxe", fixture.Chassis(1)["boot"]);

        await cli.OkAsync("node", "undeploy", uuid, "--wait", "60");
        Assert.Equal("0", fixture.Chassis(1)["power"]);
    }
}
