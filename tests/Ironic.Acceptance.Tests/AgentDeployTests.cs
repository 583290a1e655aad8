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
    private readonly AgentNodes nodes = new(fx.Cli(output), fx);

    [Fact]
    public async Task Deploy_ThroughTheRealAgent_WritesTheImageByteForByte_AndEndsActive()
    {
        using var images = new ImageServer();
        var (node, mac) = await nodes.AvailableAsync(images.Url, images.Sha256);

        await cli.OkAsync("node", "deploy", node);
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        var clock = Stopwatch.StartNew();
        await using (var agent = RealAgent.Start(fx.Server.Port, mac, images.Port))
        {
            await nodes.WaitForAsync(node, "active", DeployTimeout, agent);
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
        var (node, mac) = await nodes.AvailableAsync(images.Url, new string('0', 64));

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

    [Fact]
    public async Task ConductorKilledMidDeploy_ResumesWithTheLiveAgent_AndTheNodeEndsActive()
    {
        using var images = new ImageServer();
        var (node, mac) = await nodes.AvailableAsync(images.Url, images.Sha256);
        await cli.OkAsync("node", "deploy", node);
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        await using var agent = RealAgent.Start(fx.Server.Port, mac, images.Port);
        await nodes.WaitForDeployStepAsync(node, "write_image", agent);

        // As Ironic: a node waiting for its agent is not failed by a conductor restart; the agent's heartbeats reach
        // the new process, which picks the deploy up where it waits.
        await fx.KillAndRestartAsync();
        var restarted = new AgentNodes(fx.Cli(output), fx);
        var after = await restarted.WaitForAsync(node, "active", TimeSpan.FromMinutes(2), agent);
        output.WriteLine($"restart -> active: {after.TotalSeconds:0.0} s");
        Assert.Equal(images.Image, agent.ReadDisk(images.Image.Length));
    }
}
