using System.Text.Json.Nodes;
using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>
/// The shared test host with the redfish hardware type enabled, plus one emulator with many systems for the
/// nodes the tests enroll. The periodic power sync is left to the tests (they run passes).
/// </summary>
public sealed class RedfishApiServer() : IronicTestHost(new Dictionary<string, string>
{
    ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = "fake-hardware,redfish",
    ["IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES"] = "ipxe,pxe,fake",
    ["IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES"] = "ramdisk,fake",
    ["IRONIC_DEFAULT__ENABLED_POWER_INTERFACES"] = "redfish,fake",
    ["IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES"] = "redfish,noop,fake",
    ["IRONIC_DEFAULT__ENABLED_BIOS_INTERFACES"] = "redfish,no-bios,fake",
    ["IRONIC_DEFAULT__ENABLED_INSPECT_INTERFACES"] = "redfish,no-inspect,fake",
    ["IRONIC_DEPLOY__HTTP_URL"] = "http://127.0.0.1:8080",
    ["IRONIC_REDFISH__CONNECTION_ATTEMPTS"] = "2",
    ["IRONIC_REDFISH__CONNECTION_RETRY_INTERVAL"] = "0.05",
    // Tests run sync passes themselves, and want the recorded state to follow the hardware.
    ["IRONIC_CONDUCTOR__SYNC_POWER_STATE_INTERVAL"] = "0",
    ["IRONIC_CONDUCTOR__FORCE_POWER_STATE_DURING_SYNC"] = "false",
}), IAsyncLifetime
{
    private int nextSystem;

    public RedfishEmulator Emulator { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        Emulator = await RedfishEmulator.StartAsync(systems: 64, password: "api-s3cret");
        await StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>A system no other test uses.</summary>
    public SimulatedSystem NextSystem() => Emulator.Systems[Interlocked.Increment(ref nextSystem) - 1];

    /// <summary>Enrolls a redfish node for <paramref name="system"/> and returns its UUID.</summary>
    public async Task<string> EnrollAsync(SimulatedSystem system, string? name = null)
    {
        var node = await CreateNodeAsync(new JsonObject
        {
            ["driver"] = "redfish",
            ["name"] = name,
            ["driver_info"] = new JsonObject
            {
                ["redfish_address"] = Emulator.BaseUrl,
                ["redfish_system_id"] = system.Path,
                ["redfish_username"] = Emulator.Username,
                ["redfish_password"] = Emulator.Password,
            },
        });
        return (string)node["uuid"]!;
    }
}
