using System.Buffers.Binary;
using System.Diagnostics;
using Ironic.Testing;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// A config drive given as JSON to <c>openstack baremetal node deploy --config-drive</c>: the conductor builds the
/// image, the real ironic-python-agent 13 adds a partition at the end of the disk after the whole-disk image and
/// writes it there; the test then finds a <c>config-2</c> ISO 9660 image with the requested files on the disk.
/// </summary>
[Collection(Collections.Agent)]
public sealed class AgentConfigDriveTests(AgentServerFixture fx, ITestOutputHelper output) : IClassFixture<AgentServerFixture>
{
    private static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(3);

    private readonly BaremetalCli cli = fx.Cli(output);

    // Run 2026-12-05: the agent decoded the drive and parted added partition 2, then `test -e /dev/loop0p2` failed
    // (deploy failed after 60 s): the fence's /dev (ns-init.sh in ../shared/agent) holds only the loop device, no
    // partition nodes. Unskip once the kit makes them (e.g. mknod of loopNpM from /sys/block/loopN/loopNpM/dev).
    [Fact(Skip = "The agent kit's /dev has no partition device nodes: IPA cannot open the config drive partition it creates")]
    public async Task Deploy_WithAJsonConfigDrive_LeavesAConfig2PartitionWithItsFiles()
    {
        using var images = new ImageServer();
        var (node, mac) = await AvailableNodeAsync(images.Url, images.Sha256);

        await cli.OkAsync("node", "deploy", node, "--config-drive",
            """{"meta_data": {"hostname": "cd-test", "public_keys": {"k": "ssh-ed25519 AAAA t@x"}}, "user_data": "#cloud-config\nhostname: cd-test\n"}""");
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        var clock = Stopwatch.StartNew();
        byte[] disk;
        await using (var agent = RealAgent.Start(fx.Server.Port, mac, images.Port))
        {
            await PollActiveOrFailAsync(node, agent);
            output.WriteLine($"agent start -> active: {clock.Elapsed.TotalSeconds:0.0} s");
            disk = await File.ReadAllBytesAsync(agent.DiskFile);
        }

        Assert.Equal(images.Image.AsSpan(512, 1024 * 1024).ToArray(), disk.AsSpan(512, 1024 * 1024).ToArray());
        var partition = NewPartition(disk);
        Assert.Equal("CD001"u8.ToArray(), partition.AsSpan(16 * 2048 + 1, 5).ToArray());
        var iso = await IsoImageReader.ReadAsync(partition);
        Assert.Equal("iso9660", iso.Type);
        Assert.Equal("config-2", iso.Label);
        Assert.Equal($$"""{"hostname": "cd-test", "public_keys": {"k": "ssh-ed25519 AAAA t@x"}, "uuid": "{{node}}", "name": "{{await cli.ValueAsync("name", "node", "show", node)}}"}""",
            iso.Text("openstack/latest/meta_data.json"));
        Assert.Equal("#cloud-config\nhostname: cd-test\n", iso.Text("openstack/latest/user_data"));
        Assert.Equal("******", (string?)(await cli.ObjectAsync("node", "show", node))["instance_info"]!["configdrive"]);
    }

    // The MBR partition the agent added after the image's own (the second entry of the table).
    private static byte[] NewPartition(byte[] disk)
    {
        var entry = disk.AsSpan(446 + 16, 16);
        var start = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]) * 512L;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]) * 512L;
        Assert.True(start > 16 * 1024 * 1024 && length > 0, $"no second partition after the image: start {start}, length {length}");
        return disk.AsSpan((int)start, (int)length).ToArray();
    }

    // A manual-management node with its port (the MAC the agent reports), made available through the CLI.
    private async Task<(string Node, string Mac)> AvailableNodeAsync(string imageUrl, string sha256)
    {
        var mac = Unique.Mac();
        var node = await cli.ValueAsync("uuid", "node", "create", "--driver", "manual-management", "--name", Unique.Name("agent-cd"),
            "--deploy-interface", "direct", "--boot-interface", "pxe", "--power-interface", "fake", "--management-interface", "noop",
            "--driver-info", $"deploy_kernel={fx.DeployKernel}", "--driver-info", $"deploy_ramdisk={fx.DeployRamdisk}",
            "--driver-info", "deploy_forces_oob_reboot=true", "--property", "capabilities=boot_mode:bios");
        await cli.OkAsync("port", "create", "--node", node, mac);
        await cli.OkAsync("node", "manage", node, "--wait", "60");
        await cli.OkAsync("node", "provide", node, "--wait", "60");
        await cli.OkAsync("node", "set", node, "--instance-info", $"image_source={imageUrl}", "--instance-info", "image_os_hash_algo=sha256",
            "--instance-info", $"image_os_hash_value={sha256}", "--instance-info", "image_disk_format=raw");
        return (node, mac);
    }

    private async Task PollActiveOrFailAsync(string node, RealAgent agent)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await cli.ValueAsync("provision_state", "node", "show", node);
            if (state == "active")
            {
                return;
            }

            if (state == "deploy failed" || clock.Elapsed > DeployTimeout)
            {
                Assert.Fail($"node {node} is {state} after {clock.Elapsed.TotalSeconds:0} s: "
                    + $"{await cli.ValueAsync("last_error", "node", "show", node)}\n--- run-ipa.sh\n{agent.Output}");
            }

            await Task.Delay(1000);
        }
    }
}
