using System.Diagnostics;
using System.Text.Json.Nodes;
using Ironic.Conductor.Periodic;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>
/// The numbers in docs/drivers/redfish.md, printed to the test output (run with
/// <c>--logger "console;verbosity=detailed"</c>). Each also checks the reads were right.
/// The emulator runs in the same process, so times include its side of every request.
/// </summary>
public sealed class RedfishMeasurementTests(RedfishApiServer server, ITestOutputHelper output) : IClassFixture<RedfishApiServer>
{
    private const int Samples = 200;

    [Fact]
    public async Task PowerStateRead_AtDriverLevel_MedianIsPrinted()
    {
        var driver = new RedfishTestDriver();
        var system = server.NextSystem();
        system.PowerState = "On";
        var task = driver.Task(server.Emulator, system, shared: true);
        // The first read opens the session and reads the service root; the median is of warm reads.
        Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));

        var times = new List<double>();
        for (var i = 0; i < Samples; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"driver-level RedfishPower.GetPowerStateAsync: median {Median(times):F3} ms, p90 {Percentile(times, 0.9):F3} ms over {Samples} reads");
    }

    [Fact]
    public async Task PowerStateRead_ThroughTheApi_MedianIsPrinted()
    {
        var system = server.NextSystem();
        var uuid = await server.EnrollAsync(system);
        await server.SetPowerStateAsync(uuid, "power on");
        var before = system.Boots;

        // A power-on request for a node that is on: the API hands it to a conductor worker, which
        // validates driver_info, reads the state from the BMC (one GET of the system), finds it on
        // and records it. Timed from the request to the worker being done.
        var times = new List<double>();
        for (var i = 0; i < Samples / 2; i++)
        {
            var watch = Stopwatch.StartNew();
            (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/power", new JsonObject { ["target"] = "power on" })).Expect(202);
            await server.WhenIdleAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        Assert.Equal(before, system.Boots);
        output.WriteLine($"API PUT /states/power (already on) to conductor done: median {Median(times):F3} ms, p90 {Percentile(times, 0.9):F3} ms over {Samples / 2} requests");
    }

    [Fact]
    public async Task PowerSyncPass_OverFiftyNodes_IsTimed()
    {
        var uuids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            uuids.Add(await server.EnrollAsync(server.NextSystem()));
        }

        var sync = server.Services.GetRequiredService<PowerSync>();
        await sync.RunOnceAsync(default);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var read = await sync.RunOnceAsync(default);
        var wall = watch.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        Assert.True(read >= 50);
        output.WriteLine($"power sync pass over {read} redfish nodes (steady state): wall {wall.TotalMilliseconds:F1} ms, CPU {used.TotalMilliseconds:F1} ms (server and emulator)");
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
