using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The real agent killed in the middle of writing the image (its download stalls, then run-ipa.sh is stopped):
/// no heartbeat comes again, and the node ends <c>deploy failed</c> once <c>[conductor] deploy_callback_timeout</c>
/// (shortened here) has passed, with a last_error that says what to check, and no lock left behind.
/// </summary>
[Collection(Collections.Agent)]
public sealed class AgentLostTests(AgentTimeoutFixture fx, ITestOutputHelper output) : IClassFixture<AgentTimeoutFixture>
{
    private readonly BaremetalCli cli = fx.Agent.Cli(output);
    private readonly AgentNodes nodes = new(fx.Agent.Cli(output), fx.Agent);

    [Fact]
    public async Task AgentKilledMidDeploy_EndsDeployFailed_AfterTheCallbackTimeout()
    {
        using var images = new ImageServer(stall: true);
        var (node, mac) = await nodes.AvailableAsync(images.Url, images.Sha256);
        await cli.OkAsync("node", "deploy", node);
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        await using (var agent = RealAgent.Start(fx.Agent.Server.Port, mac, images.Port))
        {
            // The agent is writing (its download stalls) when it dies.
            await nodes.WaitForDeployStepAsync(node, "write_image", agent);
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal("wait call-back", await cli.ValueAsync("provision_state", "node", "show", node));
        }

        Assert.Equal("wait call-back", await cli.ValueAsync("provision_state", "node", "show", node));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await cli.PollValueAsync("deploy failed", TimeSpan.FromSeconds(AgentTimeoutFixture.CallbackTimeoutSeconds * 4),
            "provision_state", "node", "show", node);
        output.WriteLine($"agent gone -> deploy failed: {clock.Elapsed.TotalSeconds:0.0} s (callback timeout {AgentTimeoutFixture.CallbackTimeoutSeconds} s)");
        var shown = await cli.ObjectAsync("node", "show", node);
        Assert.Contains("Timeout reached while deploying", (string?)shown["last_error"], StringComparison.Ordinal);
        Assert.Null((string?)shown["reservation"]);
        Assert.False(shown["driver_internal_info"]!.AsObject().ContainsKey("agent_secret_token"), "a failed deploy wipes the token");
        // The node is not stuck: it can be undeployed (automated cleaning is off for it) and used again.
        await cli.OkAsync("node", "undeploy", node, "--wait", "60");
        Assert.Equal("available", await cli.ValueAsync("provision_state", "node", "show", node));
    }
}
