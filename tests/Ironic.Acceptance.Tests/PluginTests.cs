using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// The out-of-tree sample plugin (samples/MyHardware: hardware type my-hardware with my-power,
/// my-management and the example-vendor passthru), built by the fixture as a third party would and
/// enabled in its own server, driven through the CLI.
/// </summary>
[Collection(Collections.Plugin)]
public sealed class PluginTests(PluginServerFixture fixture, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    private readonly BaremetalCli cli = fixture.Cli(output);
    private readonly IronicApi api = new(fixture.Server);

    [Fact]
    public async Task PluginServer_AnswersRoot_AndReportsItsStartupTime()
    {
        var server = fixture.Server;
        var message = $"ironic all with the MyHardware plugin: launch to first answer of GET / took "
                      + $"{server.StartupTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s (port {server.Port}; "
                      + $"plugin build took {fixture.BuildTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s)";
        output.WriteLine(message);
        Console.WriteLine(message);

        Assert.False(server.HasExited, server.ReadLog());
        Assert.True(server.StartupTime > TimeSpan.Zero);
        var (status, root) = await api.SendAsync(HttpMethod.Get, "");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("v1", (string?)root!["default_version"]!["id"]);
    }

    [Fact]
    public async Task MyHardware_ListedCreateValidatePowerBootDevice()
    {
        var drivers = await cli.RowsAsync("driver", "list");
        Assert.Equal(["fake-hardware", "manual-management", "my-hardware"],
            drivers.Select(r => (string)r["Supported driver(s)"]!).Order(StringComparer.Ordinal));
        Assert.All(drivers, r => Assert.Equal(PluginServerFixture.Host, (string?)r["Active host(s)"]));

        var properties = await cli.RowsAsync("driver", "property", "list", "my-hardware");
        Assert.Contains(properties, r => (string?)r["Property"] == "my_address" && (string?)r["Description"] == "IP address of the pretend BMC. Required.");

        // fake boot and deploy: the node has no ports, which the default pxe/ipxe boot would refuse at validation.
        var created = await cli.ObjectAsync("node", "create", "--driver", "my-hardware", "--driver-info", "my_address=10.0.0.5",
            "--boot-interface", "fake", "--deploy-interface", "fake", "--name", Unique.Name("acc-mh"));
        var uuid = (string)created["uuid"]!;
        Assert.Equal("my-hardware", (string?)created["driver"]);
        Assert.Equal("my-power", (string?)created["power_interface"]);
        Assert.Equal("my-management", (string?)created["management_interface"]);
        Assert.Equal("example-vendor", (string?)created["vendor_interface"]);
        NodeTests.AssertJson("""{"my_address": "10.0.0.5"}""", created["driver_info"]);

        var validation = await cli.RowsAsync("node", "validate", uuid);
        foreach (var kind in (string[])["power", "management", "boot", "deploy", "vendor"])
        {
            var row = Assert.Single(validation, r => (string?)r["Interface"] == kind);
            Assert.True((bool?)row["Result"] == true, row.ToJsonString());
        }

        await cli.OkAsync("node", "power", "on", uuid);
        await cli.PollValueAsync("power on", Settle, "power_state", "node", "show", uuid);

        await cli.OkAsync("node", "boot", "device", "set", uuid, "disk");
        var device = await cli.ObjectAsync("node", "boot", "device", "show", uuid);
        Assert.Equal("disk", (string?)device["boot_device"]);
        Assert.False((bool?)device["persistent"]);

        // The pretend BMC keeps its state in the node.
        var info = (await api.NodeAsync(uuid))["driver_internal_info"]!;
        Assert.Equal("power on", (string?)info["my_power_state"]);
        Assert.Equal("disk", (string?)info["my_boot_device"]);
    }

    [Fact]
    public async Task ExampleVendor_DriverAndNodePassthru()
    {
        var driverMethods = await cli.RowsAsync("driver", "passthru", "list", "my-hardware");
        var authTypes = Assert.Single(driverMethods, r => (string?)r["Name"] == "authentication_types");
        Assert.Equal("GET", (string?)authTypes["Supported HTTP methods"]);
        Assert.False((bool?)authTypes["Async"]);
        var reset = Assert.Single(driverMethods, r => (string?)r["Name"] == "reset_counters");
        Assert.Equal("POST", (string?)reset["Supported HTTP methods"]);
        Assert.True((bool?)reset["Async"]);

        // A synchronous driver method's body, which the CLI cannot print, over HTTP.
        var types = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1/drivers/my-hardware/vendor_passthru/authentication_types");
        NodeTests.AssertJson("""{"types": ["NONE", "MD5", "MD2"]}""", types);

        var uuid = (string)(await api.CreateNodeAsync(new JsonObject
        {
            ["driver"] = "my-hardware",
            ["name"] = Unique.Name("acc-mh-raw"),
            ["driver_info"] = new JsonObject { ["my_address"] = "10.0.0.6" },
        }))["uuid"]!;

        var nodeMethods = await cli.RowsAsync("node", "passthru", "list", uuid);
        var sendRaw = Assert.Single(nodeMethods, r => (string?)r["Name"] == "send_raw");
        Assert.Equal("POST", (string?)sendRaw["Supported HTTP methods"]);
        Assert.True((bool?)sendRaw["Async"]);

        var missing = await cli.FailAsync("node", "passthru", "call", uuid, "send_raw");
        Assert.Contains("raw_bytes", missing.StdErr, StringComparison.Ordinal);
        Assert.Contains("(HTTP 400)", missing.StdErr, StringComparison.Ordinal);

        await cli.OkAsync("node", "passthru", "call", uuid, "send_raw", "--arg", "raw_bytes=0x01 0x02");
        // Asynchronous: the worker records the bytes on the node and counts them.
        await api.WaitForNodeAsync(uuid, n => (string?)n["driver_internal_info"]?["last_raw_bytes"] == "0x01 0x02" && n["reservation"] is null,
            "driver_internal_info.last_raw_bytes \"0x01 0x02\"", Settle);
        var counters = await WaitForCountersAsync(c => (long?)c["send_raw_calls"] >= 1);
        Assert.Equal(PluginServerFixture.Host, (string?)counters["conductor"]);
        Assert.True((long?)counters["raw_bytes_sent"] >= 2, counters.ToJsonString());

        await cli.OkAsync("driver", "passthru", "call", "my-hardware", "reset_counters");
        await WaitForCountersAsync(c => (long?)c["send_raw_calls"] == 0 && (long?)c["raw_bytes_sent"] == 0);
    }

    public void Dispose() => api.Dispose();

    private async Task<JsonObject> WaitForCountersAsync(Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow + Settle;
        while (true)
        {
            var counters = (await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, "v1/drivers/my-hardware/vendor_passthru/counters"))!.AsObject();
            if (done(counters))
            {
                return counters;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"counters did not change as expected within {Settle.TotalSeconds} s: {counters.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }
}
