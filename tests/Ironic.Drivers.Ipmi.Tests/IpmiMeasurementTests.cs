using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// The numbers docs/drivers/ipmi.md reports: one power-state read at driver level and through the API.
/// Printed in the test output; times are asserted only against generous bounds (a BMC read that takes seconds is a bug),
/// the number of ipmitool runs exactly.
/// </summary>
[Collection(IpmiApiCollection.Name)]
public sealed class IpmiMeasurementTests(IpmiApiServer server, ITestOutputHelper output)
{
    private const int Samples = 11;

    [Fact]
    public async Task PowerStateRead_AtDriverLevel_TakesOneIpmitoolRun()
    {
        server.Bmcs.SetChassis(10, power: "1");
        // No spacing between commands here: this measures a read, not [ipmi] min_command_interval.
        using var counting = new CountingIpmitool();
        var counted = new IpmiTestDriver(new Dictionary<string, string>
        {
            ["IRONIC_IPMI__MIN_COMMAND_INTERVAL"] = "0",
            ["IRONIC_IPMI__IPMITOOL_PATH"] = counting.ScriptPath,
        });

        Assert.Equal(PowerState.On, await counted.Power.GetPowerStateAsync(server.Bmcs.TaskFor(counted, 10), default));

        var run = Assert.Single(counting.Runs);
        Assert.EndsWith(" power status", run, StringComparison.Ordinal);

        // Timed without the wrapper, whose shell would be part of the time.
        var driver = new IpmiTestDriver(new Dictionary<string, string> { ["IRONIC_IPMI__MIN_COMMAND_INTERVAL"] = "0" });
        var task = server.Bmcs.TaskFor(driver, 10);
        await driver.Power.GetPowerStateAsync(task, default);

        var samples = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            var clock = Stopwatch.StartNew();
            await driver.Power.GetPowerStateAsync(task, default);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"driver-level power-state read over {Samples}: {Summary(samples)}");
        Assert.InRange(Median(samples), 0, 3000);
    }

    [Fact]
    public async Task PowerStateRead_ThroughTheApi_IsAPowerRequestForTheCurrentState()
    {
        server.Bmcs.SetChassis(11, power: "1");
        var uuid = await server.CreateNodeAsync(11);
        await server.SetPowerStateAsync(uuid, "power on");

        // PUT states/power to the state the node is in: the conductor reads the BMC once, finds it there
        // and records it (Ironic's API has no synchronous BMC read). Timed until the conductor is done and
        // until a client polling GET sees target_power_state cleared.
        var done = new List<double>();
        var seen = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            var clock = Stopwatch.StartNew();
            var (status, _) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/power", new JsonObject { ["target"] = "power on" });
            Assert.Equal(202, status);
            await server.WhenIdleAsync();
            done.Add(clock.Elapsed.TotalMilliseconds);

            clock.Restart();
            (status, _) = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/power", new JsonObject { ["target"] = "power on" });
            Assert.Equal(202, status);
            while ((await server.GetNodeAsync(uuid))["target_power_state"] is not null)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the power request did not finish");
            }

            seen.Add(clock.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"API power-state read (PUT to the current state until the conductor finished) over {Samples}: {Summary(done)}");
        output.WriteLine($"API power-state read (PUT, then GET until target_power_state is null) over {Samples}: {Summary(seen)}");
        Assert.Equal("power on", (string?)(await server.GetNodeAsync(uuid))["power_state"]);
        Assert.InRange(Median(done), 0, 5000);
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Summary(List<double> samples) =>
        $"median {Median(samples):0.0} ms, min {samples.Min():0.0} ms, max {samples.Max():0.0} ms";
}
