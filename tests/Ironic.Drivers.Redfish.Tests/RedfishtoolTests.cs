using System.Diagnostics;
using System.Text.Json.Nodes;
using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>
/// The emulator checked by a client we did not write: DMTF's redfishtool (Debian package). It runs
/// without credentials (the emulator is told to serve anonymous requests), so no password ever
/// appears on its command line.
/// </summary>
public sealed class RedfishtoolTests : IAsyncLifetime
{
    private RedfishEmulator emulator = null!;

    public async Task InitializeAsync()
    {
        emulator = await RedfishEmulator.StartAsync(systems: 2);
        emulator.RequireAuthentication = false;
    }

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task Redfishtool_ReadsTheServiceAndSystems_AndPowersASystemOn()
    {
        var root = JsonNode.Parse(await RunAsync("root"))!;
        Assert.Equal("RootService", (string?)root["Id"]);

        var systems = JsonNode.Parse(await RunAsync("Systems"))!;
        Assert.Equal(2, (int)systems["Members@odata.count"]!);

        var system = JsonNode.Parse(await RunAsync("-I", emulator.Systems[1].Id, "Systems"))!;
        Assert.Equal("Off", (string?)system["PowerState"]);

        await RunAsync("-I", emulator.Systems[1].Id, "Systems", "reset", "On");
        Assert.Equal("On", emulator.Systems[1].PowerState);

        await RunAsync("-I", emulator.Systems[1].Id, "Systems", "setBootOverride", "Once", "Pxe");
        Assert.Equal(("Pxe", "Once"), (emulator.Systems[1].BootTarget, emulator.Systems[1].BootEnabled));
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("redfishtool") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-r", emulator.BaseUrl["http://".Length..], "-S", "Never" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"redfishtool {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
