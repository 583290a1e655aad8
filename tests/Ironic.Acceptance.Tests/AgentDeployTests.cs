using System.Diagnostics;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The <c>direct</c> deploy driven against the real ironic-python-agent 13 (through run-ipa.sh, onto its loop
/// device), with the real CLI: lookup, token, heartbeats, write_image, and the node ends <c>active</c> with the
/// image on the disk byte for byte; an image whose checksum is wrong ends <c>deploy failed</c>, saying so.
/// </summary>
[Collection(Collections.Agent)]
public sealed class AgentDeployTests(AgentServerFixture fx, ITestOutputHelper output) : IClassFixture<AgentServerFixture>
{
    private static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(3);

    private readonly BaremetalCli cli = fx.Cli(output);

    [Fact]
    public async Task Deploy_ThroughTheRealAgent_WritesTheImageByteForByte_AndEndsActive()
    {
        using var images = new ImageServer();
        var (node, mac) = await AvailableNodeAsync(images.Url, images.Sha256);

        await cli.OkAsync("node", "deploy", node);
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        var clock = Stopwatch.StartNew();
        await using (var agent = RealAgent.Start(fx.Server.Port, mac, images.Port))
        {
            await PollActiveOrFailAsync(node, agent);
            output.WriteLine($"agent start -> active: {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(images.Image, agent.ReadDisk(images.Image.Length));
        }

        var shown = await cli.ObjectAsync("node", "show", node);
        Assert.Equal("power on", (string?)shown["power_state"]);
        Assert.Null((string?)shown["last_error"]);
        var info = shown["driver_internal_info"]!.AsObject();
        Assert.False(info.ContainsKey("agent_secret_token"), "the token is wiped once the node is active");
        Assert.Equal(1, images.Downloads);
    }

    [Fact]
    public async Task Deploy_OfAnImageWithAWrongChecksum_EndsDeployFailed_NamingTheChecksum()
    {
        using var images = new ImageServer(sizeMiB: 4);
        var (node, mac) = await AvailableNodeAsync(images.Url, new string('0', 64));

        await cli.OkAsync("node", "deploy", node);
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        await using (var agent = RealAgent.Start(fx.Server.Port, mac, images.Port))
        {
            await cli.PollValueAsync("deploy failed", DeployTimeout, "provision_state", "node", "show", node);
        }

        var error = await cli.ValueAsync("last_error", "node", "show", node);
        Assert.Contains("write_image", error, StringComparison.Ordinal);
        Assert.Contains("checksum", error, StringComparison.OrdinalIgnoreCase);
    }

    // A manual-management node with its port (the MAC the agent reports), made available through the CLI.
    private async Task<(string Node, string Mac)> AvailableNodeAsync(string imageUrl, string sha256)
    {
        var mac = Unique.Mac();
        var node = await cli.ValueAsync("uuid", "node", "create", "--driver", "manual-management", "--name", Unique.Name("agent"),
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
