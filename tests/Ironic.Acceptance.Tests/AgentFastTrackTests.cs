using System.Diagnostics;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Ironic's fast track with the real agent: the agent booted for a manual clean keeps running (no power off, its
/// token kept) while the node rests in manageable and then available, and the deploy that follows uses it without
/// a reboot: the image is written by that same agent process, and the node ends <c>active</c>.
/// </summary>
[Collection(Collections.Agent)]
public sealed class AgentFastTrackTests(AgentFastTrackFixture fx, ITestOutputHelper output) : IClassFixture<AgentFastTrackFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly BaremetalCli cli = fx.Agent.Cli(output);
    private readonly AgentNodes nodes = new(fx.Agent.Cli(output), fx.Agent);

    [Fact]
    public async Task DeployAfterCleaning_ReusesTheRunningAgent_AndEndsActive()
    {
        using var images = new ImageServer();
        var (node, mac) = await nodes.ManageableAsync();
        await cli.OkAsync("node", "clean", node, "--clean-steps", """[{"interface": "deploy", "step": "erase_devices_metadata"}]""");
        await cli.PollValueAsync("clean wait", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        await using var agent = RealAgent.Start(fx.Agent.Server.Port, mac, images.Port);
        await nodes.WaitForAsync(node, "manageable", Timeout, agent);

        var rested = await cli.ObjectAsync("node", "show", node);
        Assert.Equal("power on", (string?)rested["power_state"]);
        Assert.True(rested["driver_internal_info"]!.AsObject().ContainsKey("agent_url"), "fast track keeps the agent's URL");
        await cli.OkAsync("node", "provide", node, "--wait", "60");
        await cli.OkAsync("node", "set", node, "--instance-info", $"image_source={images.Url}", "--instance-info", "image_os_hash_algo=sha256",
            "--instance-info", $"image_os_hash_value={images.Sha256}", "--instance-info", "image_disk_format=raw");

        var clock = Stopwatch.StartNew();
        await cli.OkAsync("node", "deploy", node);
        await nodes.WaitForAsync(node, "active", Timeout, agent);
        output.WriteLine($"deploy -> active with the running agent: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.False(agent.HasExited, "the agent that cleaned is the one that deployed");
        Assert.Contains($"Node {node}: fast track, deploying with the agent already running", fx.Agent.Server.ReadLog(), StringComparison.Ordinal);
        Assert.Equal(images.Image, agent.ReadDisk(images.Image.Length));
        Assert.Equal(1, images.Downloads);
    }
}
