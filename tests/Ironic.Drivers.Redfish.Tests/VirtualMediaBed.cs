using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;
using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>
/// One node on its own emulated BMC with the redfish power, management and virtual media boot interfaces,
/// an HTTP server over <c>[deploy] http_root</c> and a deploy kernel and ramdisk on local disk.
/// </summary>
internal sealed class VirtualMediaBed : IAsyncDisposable
{
    private VirtualMediaBed(RedfishEmulator emulator, HttpFileServer http, string dir, TestDriverServices services)
    {
        Emulator = emulator;
        Http = http;
        Dir = dir;
        Services = services;
        Boot = new RedfishVirtualMediaBoot(services);
        Driver = new TestDriver("redfish", new RedfishHardware(), new RedfishPower(services), new RedfishManagement(services), Boot);
        Kernel = Path.Combine(dir, "ipa.kernel");
        Ramdisk = Path.Combine(dir, "ipa.initramfs");
        File.WriteAllBytes(Kernel, [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i % 7))]);
        File.WriteAllBytes(Ramdisk, [.. Enumerable.Range(0, 90_000).Select(i => (byte)(i % 11))]);
    }

    public RedfishEmulator Emulator { get; }

    public SimulatedSystem System => Emulator.Systems[0];

    public SimulatedVirtualMedia Media => Emulator.VirtualMedia!;

    public HttpFileServer Http { get; }

    public string Dir { get; }

    public string HttpRoot => Path.Combine(Dir, "httpboot");

    public TestDriverServices Services { get; }

    public RedfishVirtualMediaBoot Boot { get; }

    public TestDriver Driver { get; }

    public string Kernel { get; }

    public string Ramdisk { get; }

    public static async Task<VirtualMediaBed> StartAsync(params (string Option, string Value)[] options)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "vmedia-" + Guid.NewGuid().ToString("N"))).FullName;
        var emulator = await RedfishEmulator.StartAsync();
        var http = await HttpFileServer.StartAsync(Path.Combine(dir, "httpboot"));
        var services = new TestDriverServices([
            ("redfish.connection_attempts", "2"),
            ("redfish.connection_retry_interval", "0.01"),
            ("conductor.power_state_change_timeout", "5"),
            ("deploy.http_root", Path.Combine(dir, "httpboot")),
            ("deploy.http_url", http.Url),
            .. options,
        ]);
        return new VirtualMediaBed(emulator, http, dir, services);
    }

    /// <summary>A task for a deploying node of this BMC, with the local kernel and ramdisk in its driver_info.</summary>
    public TestTaskContext Task(Action<JsonObject>? driverInfo = null)
    {
        var info = new JsonObject
        {
            ["redfish_address"] = Emulator.BaseUrl,
            ["redfish_username"] = Emulator.Username,
            ["redfish_password"] = Emulator.Password,
            ["redfish_system_id"] = System.Path,
            ["deploy_kernel"] = Kernel,
            ["deploy_ramdisk"] = Ramdisk,
        };
        driverInfo?.Invoke(info);
        var node = new Node
        {
            Uuid = Guid.NewGuid().ToString(),
            Driver = "redfish",
            DriverInfo = info,
            BootInterface = RedfishVirtualMediaBoot.Name,
            ProvisionState = ProvisionState.Deploying,
        };
        return new TestTaskContext(Driver, node);
    }

    public static IReadOnlyDictionary<string, string> AgentParams { get; } = new Dictionary<string, string> { ["ipa-api-url"] = "http://10.1.2.3:6385" };

    public async ValueTask DisposeAsync()
    {
        await Http.DisposeAsync();
        await Emulator.DisposeAsync();
        Services.Dispose();
        Directory.Delete(Dir, recursive: true);
    }
}
