using System.Diagnostics;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// What the real-agent tests do to their nodes through the CLI: enrol one for the direct deploy (its port carries
/// the MAC the agent reports) and wait for a state, failing at once with the node's last_error and the agent's
/// output when it lands in a failed state instead.
/// </summary>
public sealed class AgentNodes(BaremetalCli cli, AgentServerFixture fx)
{
    /// <summary>
    /// A manual-management node in manageable. Automated cleaning is off for it (an available node would otherwise
    /// boot the agent to clean first, as in Ironic); a test that wants it sets --automated-clean.
    /// </summary>
    public async Task<(string Node, string Mac)> ManageableAsync()
    {
        var mac = Unique.Mac();
        var node = await cli.ValueAsync("uuid", "node", "create", "--driver", "manual-management", "--name", Unique.Name("agent"),
            "--deploy-interface", "direct", "--boot-interface", "pxe", "--power-interface", "fake", "--management-interface", "noop",
            "--driver-info", $"deploy_kernel={fx.DeployKernel}", "--driver-info", $"deploy_ramdisk={fx.DeployRamdisk}",
            "--driver-info", "deploy_forces_oob_reboot=true", "--property", "capabilities=boot_mode:bios", "--no-automated-clean");
        await cli.OkAsync("port", "create", "--node", node, mac);
        await cli.OkAsync("node", "manage", node, "--wait", "60");
        return (node, mac);
    }

    /// <summary>An available node whose instance_info names the image at <paramref name="imageUrl"/>.</summary>
    public async Task<(string Node, string Mac)> AvailableAsync(string imageUrl, string sha256)
    {
        var (node, mac) = await ManageableAsync();
        await cli.OkAsync("node", "provide", node, "--wait", "60");
        await cli.OkAsync("node", "set", node, "--instance-info", $"image_source={imageUrl}", "--instance-info", "image_os_hash_algo=sha256",
            "--instance-info", $"image_os_hash_value={sha256}", "--instance-info", "image_disk_format=raw");
        return (node, mac);
    }

    /// <summary>Polls until the node is in <paramref name="expected"/>; fails early in a failed state or after <paramref name="timeout"/>.</summary>
    public async Task<TimeSpan> WaitForAsync(string node, string expected, TimeSpan timeout, RealAgent? agent = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await cli.ValueAsync("provision_state", "node", "show", node);
            if (state == expected)
            {
                return clock.Elapsed;
            }

            if (state.EndsWith("failed", StringComparison.Ordinal) || state == "error" || clock.Elapsed > timeout)
            {
                Assert.Fail($"node {node} is {state}, not {expected}, after {clock.Elapsed.TotalSeconds:0} s: "
                    + $"{await cli.ValueAsync("last_error", "node", "show", node)}\n--- run-ipa.sh\n{agent?.Output}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Polls until the node's current deploy step is <paramref name="step"/>.</summary>
    public async Task WaitForDeployStepAsync(string node, string step, RealAgent agent)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((string?)(await cli.ObjectAsync("node", "show", node))["deploy_step"]?["step"] != step)
        {
            Assert.True(DateTime.UtcNow < deadline, $"node {node} never reached step {step}\n--- run-ipa.sh\n{agent.Output}");
            await Task.Delay(500);
        }
    }
}
