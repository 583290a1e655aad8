using System.Diagnostics;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Cleaning through the real ironic-python-agent 13: the node boots the agent, its clean steps are fetched and
/// planned with <c>[deploy] erase_devices_priority = 0</c>, and the agent runs them on its loop device. Undeploy
/// with automated cleaning erases the disk's metadata only and ends <c>available</c>; a manual clean with two agent
/// steps (unknown until the agent is up) erases it all and ends <c>manageable</c>.
/// </summary>
[Collection(Collections.Agent)]
public sealed class AgentCleaningTests(AgentServerFixture fx, ITestOutputHelper output) : IClassFixture<AgentServerFixture>, IDisposable
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly BaremetalCli cli = fx.Cli(output);
    private readonly AgentNodes nodes = new(fx.Cli(output), fx);
    private readonly string disk = $"/tmp/ironic-agent-disk-{Guid.NewGuid():N}.img";

    [Fact]
    public async Task Undeploy_WithAutomatedCleaning_ErasesTheDisksMetadataThroughTheAgent_AndEndsAvailable()
    {
        using var images = new ImageServer();
        var (node, mac) = await nodes.AvailableAsync(images.Url, images.Sha256);
        await cli.OkAsync("node", "deploy", node);
        await cli.PollValueAsync("wait call-back", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        await using (var deployAgent = RealAgent.Start(fx.Server.Port, mac, disk, images.Port))
        {
            await nodes.WaitForAsync(node, "active", Timeout, deployAgent);
        }

        Assert.Equal(images.Image, ReadDisk(images.Image.Length));
        await cli.OkAsync("node", "set", node, "--automated-clean");
        await cli.OkAsync("node", "undeploy", node);
        await cli.PollValueAsync("clean wait", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        var clock = Stopwatch.StartNew();
        await using (var cleanAgent = RealAgent.Start(fx.Server.Port, mac, disk))
        {
            await nodes.WaitForAsync(node, "available", Timeout, cleanAgent);
            output.WriteLine($"agent start -> available: {clock.Elapsed.TotalSeconds:0.0} s");
        }

        var written = ReadDisk(images.Image.Length);
        Assert.All(written[..MiB], b => Assert.Equal(0, b));
        // erase_devices (priority 0 here) did not run: past the metadata the image is still there.
        Assert.Equal(images.Image[MiB..], written[MiB..]);
        var shown = await cli.ObjectAsync("node", "show", node);
        Assert.Equal("power off", (string?)shown["power_state"]);
        Assert.Null((string?)shown["last_error"]);
        Assert.False((bool?)shown["maintenance"]);
        var info = shown["driver_internal_info"]!.AsObject();
        Assert.False(info.ContainsKey("agent_secret_token"), "the token is wiped once cleaning ends");
        Assert.False(info.ContainsKey("agent_cached_clean_steps"), "the agent's steps go with it");
    }

    [Fact]
    public async Task ManualClean_WithTwoAgentSteps_ErasesTheWholeDisk_AndEndsManageable()
    {
        var before = System.Security.Cryptography.RandomNumberGenerator.GetBytes(4 * MiB);
        await using (var file = File.Create(disk))
        {
            await file.WriteAsync(before);
            file.SetLength(128L * MiB);
        }

        var (node, mac) = await nodes.ManageableAsync();
        await cli.OkAsync("node", "clean", node, "--clean-steps",
            """[{"interface": "deploy", "step": "erase_devices_metadata"}, {"interface": "deploy", "step": "erase_devices"}]""");
        await cli.PollValueAsync("clean wait", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        var clock = Stopwatch.StartNew();
        await using (var agent = RealAgent.Start(fx.Server.Port, mac, disk))
        {
            await nodes.WaitForAsync(node, "manageable", Timeout, agent);
            output.WriteLine($"agent start -> manageable (2 steps): {clock.Elapsed.TotalSeconds:0.0} s");
        }

        Assert.All(ReadDisk(4 * MiB), b => Assert.Equal(0, b));
        var shown = await cli.ObjectAsync("node", "show", node);
        Assert.Null((string?)shown["last_error"]);
        Assert.Empty(shown["clean_step"]!.AsObject());
    }

    [Fact]
    public async Task ManualClean_WithAStepTheAgentDoesNotHave_EndsCleanFailed_NamingIt()
    {
        var (node, mac) = await nodes.ManageableAsync();
        await cli.OkAsync("node", "clean", node, "--clean-steps", """[{"interface": "deploy", "step": "erase_everything_twice"}]""");
        await cli.PollValueAsync("clean wait", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        await using (var agent = RealAgent.Start(fx.Server.Port, mac, disk))
        {
            await cli.PollValueAsync("clean failed", Timeout, "provision_state", "node", "show", node);
        }

        var shown = await cli.ObjectAsync("node", "show", node);
        Assert.Contains("erase_everything_twice", (string?)shown["last_error"], StringComparison.Ordinal);
        Assert.Equal("power off", (string?)shown["power_state"]);
    }

    public void Dispose() => File.Delete(disk);

    private byte[] ReadDisk(int length)
    {
        using var file = File.OpenRead(disk);
        var bytes = new byte[length];
        file.ReadExactly(bytes);
        return bytes;
    }
}
