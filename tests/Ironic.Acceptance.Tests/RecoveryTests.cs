using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// A conductor killed mid-operation (SIGKILL: no shutdown code runs) and started again on the same
/// database and host name: the interrupted node must come back failed, unlocked and whole.
/// Its own server, since the test kills it.
/// </summary>
[Collection(Collections.Recovery)]
public sealed class RecoveryTests(ITestOutputHelper output)
{
    private const string Host = "acceptance-recovery-host";

    [Fact]
    public async Task KilledDuringManualClean_RestartedConductorFailsTheNode_NothingLost()
    {
        var server = await IronicProcess.StartAsync(new IronicServerSettings { Host = Host });
        try
        {
            output.WriteLine($"started ironic all on {server.Endpoint} in {server.StartupTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
            string uuid;
            var name = Unique.Name("acc-crash");
            using (var api = new IronicApi(server))
            {
                uuid = (string)(await api.CreateNodeAsync(new JsonObject
                {
                    ["driver"] = "fake-hardware",
                    ["name"] = name,
                    ["driver_info"] = new JsonObject { ["ipmi_address"] = "1.2.3.4" },
                    ["extra"] = new JsonObject { ["keep"] = "me" },
                    ["properties"] = new JsonObject { ["cpus"] = 2 },
                }))["uuid"]!;
                await api.SetProvisionStateAsync(uuid, "manage");
                await api.WaitForProvisionStateAsync(uuid, "manageable");

                // A long synchronous step: the conductor holds the node (reservation) while it runs.
                await new BaremetalCli(server, output).OkAsync("node", "clean", uuid,
                    "--clean-steps", """[{"interface":"power","step":"fake_slow","args":{"seconds":120}}]""");
                var cleaning = await api.WaitForNodeAsync(uuid, n => (string?)n["provision_state"] == "cleaning" && n["reservation"] is not null,
                    "provision_state \"cleaning\" with a reservation", TimeSpan.FromSeconds(30));
                Assert.Equal(Host, (string?)cleaning["reservation"]);
                Assert.Equal("fake_slow", (string?)cleaning["clean_step"]?["step"]);
            }

            server = await server.KillAndRestartAsync();
            output.WriteLine($"killed and restarted on {server.Endpoint} in {server.StartupTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");

            var cli = new BaremetalCli(server, output);
            var node = await cli.ObjectAsync("node", "show", uuid);
            Assert.Equal("clean failed", (string?)node["provision_state"]);
            Assert.Null(node["target_provision_state"]);
            Assert.Null(node["reservation"]);
            var lastError = (string?)node["last_error"] ?? "";
            Assert.Contains("interrupted", lastError, StringComparison.Ordinal);
            Assert.Contains(Host, lastError, StringComparison.Ordinal);
            Assert.Contains("stopped", lastError, StringComparison.Ordinal);
            NodeTests.AssertJson("{}", node["clean_step"]);

            // Nothing lost: the node as it was created, still on this conductor.
            Assert.Equal(name, (string?)node["name"]);
            Assert.Equal("fake-hardware", (string?)node["driver"]);
            NodeTests.AssertJson("""{"ipmi_address": "1.2.3.4"}""", node["driver_info"]);
            NodeTests.AssertJson("""{"keep": "me"}""", node["extra"]);
            NodeTests.AssertJson("""{"cpus": 2}""", node["properties"]);
            Assert.Equal(Host, (string?)node["conductor"]);

            await cli.OkAsync("node", "manage", uuid, "--wait", "60");
            using var after = new IronicApi(server);
            var managed = await after.NodeAsync(uuid);
            Assert.Equal("manageable", (string?)managed["provision_state"]);
            Assert.Null(managed["reservation"]);
        }
        finally
        {
            server.Dispose();
        }
    }
}
