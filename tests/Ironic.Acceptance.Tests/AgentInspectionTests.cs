using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// In-band inspection with the <c>agent</c> inspect interface against the real ironic-python-agent 13 (through
/// run-ipa.sh), with the real CLI. The fenced agent cannot be given <c>ipa-inspection-callback-url</c>, so it looks
/// up by its MAC (the node's port) and heartbeats, and the conductor asks it for its inventory
/// (<c>poll.get_hardware_info</c>): the node ends <c>manageable</c> with the agent's CPU architecture, CPU count and
/// memory, and <c>GET /v1/nodes/{node}/inventory</c> serves what the agent reported.
/// </summary>
[Collection(Collections.Agent)]
public sealed class AgentInspectionTests(AgentServerFixture fx, ITestOutputHelper output) : IClassFixture<AgentServerFixture>
{
    private static readonly TimeSpan InspectTimeout = TimeSpan.FromMinutes(3);

    private readonly BaremetalCli cli = fx.Cli(output);

    [Fact]
    public async Task Inspect_ThroughTheRealAgent_SetsPropertiesFromItsInventory_AndStoresTheInventory()
    {
        var mac = Unique.Mac();
        var node = await cli.ValueAsync("uuid", "node", "create", "--driver", "manual-management", "--name", Unique.Name("inspect"),
            "--inspect-interface", "agent", "--deploy-interface", "direct", "--boot-interface", "pxe", "--power-interface", "fake",
            "--management-interface", "noop", "--driver-info", $"deploy_kernel={fx.DeployKernel}", "--driver-info", $"deploy_ramdisk={fx.DeployRamdisk}");
        // The agent looks itself up by its MAC: without this port no node would be found for it.
        await cli.OkAsync("port", "create", "--node", node, mac);
        await cli.OkAsync("node", "manage", node, "--wait", "60");

        await cli.OkAsync("node", "inspect", node);
        await cli.PollValueAsync("inspect wait", TimeSpan.FromSeconds(30), "provision_state", "node", "show", node);
        var clock = Stopwatch.StartNew();
        await using (var agent = RealAgent.Start(fx.Server.Port, mac))
        {
            while (await cli.ValueAsync("provision_state", "node", "show", node) is var state && state != "manageable")
            {
                if (state != "inspect wait" && state != "inspecting" || clock.Elapsed > InspectTimeout)
                {
                    Assert.Fail($"node {node} is {state} after {clock.Elapsed.TotalSeconds:0} s: "
                        + $"{await cli.ValueAsync("last_error", "node", "show", node)}\n--- run-ipa.sh\n{agent.Output}");
                }

                await Task.Delay(1000);
            }

            output.WriteLine($"agent start -> manageable: {clock.Elapsed.TotalSeconds:0.0} s");
        }

        var shown = await cli.ObjectAsync("node", "show", node);
        Assert.Null((string?)shown["last_error"]);
        Assert.Equal("power off", (string?)shown["power_state"]);
        Assert.NotNull((string?)shown["inspection_finished_at"]);
        Assert.False(shown["driver_internal_info"]!.AsObject().ContainsKey("agent_secret_token"), "the token is wiped once inspection ends");

        // The agent runs on this machine: its inventory is this machine's.
        var properties = shown["properties"]!.AsObject();
        Assert.Equal(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64" : "x86_64", (string?)properties["cpu_arch"]);
        Assert.Equal(File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal)), (int)properties["cpus"]!);
        Assert.Equal(MemTotalKiB() / 1024, (long)properties["memory_mb"]!);
        // Its only disk is the 128 MiB loop device, below the 4 GiB a root disk needs: no local storage, as Ironic says.
        Assert.Equal(0, (long)properties["local_gb"]!);

        var ports = await cli.RowsAsync("port", "list", "--node", node);
        Assert.Equal([mac], ports.Select(p => (string)p["Address"]!));

        using var http = new HttpClient { BaseAddress = new Uri(fx.Server.Endpoint) };
        http.DefaultRequestHeaders.Add("X-OpenStack-Ironic-API-Version", "1.81");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var stored = JsonNode.Parse(await http.GetStringAsync($"/v1/nodes/{node}/inventory"))!.AsObject();
        var inventory = stored["inventory"]!.AsObject();
        Assert.Equal(mac, (string?)inventory["interfaces"]![0]!["mac_address"]);
        Assert.Equal(mac, (string?)inventory["boot"]!["pxe_interface"]);
        Assert.Equal((long)properties["memory_mb"]!, (long)inventory["memory"]!["physical_mb"]!);
        Assert.Equal((int)properties["cpus"]!, (int)inventory["cpu"]!["count"]!);
        Assert.Equal(128L * 1024 * 1024, (long)inventory["disks"]![0]!["size"]!);
        Assert.Equal(mac, (string?)stored["plugin_data"]!["boot_interface"]);
    }

    private static long MemTotalKiB() => long.Parse(
        File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture);
}
