using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>One emulator with several systems for a test class; each test uses its own system.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private int next;

    public RedfishEmulator Emulator { get; private set; } = null!;

    /// <summary>A system no other test of the class uses.</summary>
    public SimulatedSystem NextSystem() => Emulator.Systems[Interlocked.Increment(ref next) - 1];

    public async Task InitializeAsync() => Emulator = await RedfishEmulator.StartAsync(systems: 16);

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
