using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Two OpenIPMI <c>ipmi_sim</c> BMCs (tests/bmc/ipmi/start.sh, free loopback UDP ports, temp state dir;
/// stopped by their recorded PIDs with stop.sh) and an own <c>ironic all</c> with the <c>ipmi</c> hardware
/// type enabled as an operator enables it: ipmitool power/management/vendor, pxe boot, ramdisk deploy.
/// </summary>
public sealed class IpmiServerFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Host = "acceptance-ipmi-host";

    /// <summary>Not the simulators' default, so it is recognisable should it leak into any output.</summary>
    public const string Password = "Acc-Ipmi-Pa55";

    public const int BmcCount = 2;

    private readonly string bmcDir = Path.Combine(Path.GetTempPath(), "ironic-acceptance-bmcs-" + Guid.NewGuid().ToString("N")[..12]);

    public IronicProcess Server { get; private set; } = null!;

    public int BasePort { get; private set; }

    public BaremetalCli Cli(ITestOutputHelper output) => new(Server, output);

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            // start.sh refuses busy ports; another base is tried then.
            BasePort = Random.Shared.Next(20000, 60000);
            var (code, text) = await ScriptAsync("start.sh", BmcCount.ToString(CultureInfo.InvariantCulture), BasePort.ToString(CultureInfo.InvariantCulture), bmcDir);
            if (code == 0)
            {
                break;
            }

            await ScriptAsync("stop.sh", bmcDir);
            Directory.Delete(bmcDir, recursive: true);
            if (attempt == 4)
            {
                throw new InvalidOperationException("ipmi_sim BMCs did not start: " + text);
            }
        }

        // The [ipmi] lines close [DEFAULT]'s extras with a section of their own: short retries and spacing for tests.
        Server = await IronicProcess.StartAsync(new IronicServerSettings
        {
            Host = Host,
            ExtraDefaultConfig = """
                enabled_hardware_types = ipmi
                enabled_boot_interfaces = pxe
                enabled_deploy_interfaces = ramdisk
                enabled_power_interfaces = ipmitool
                enabled_management_interfaces = ipmitool
                enabled_vendor_interfaces = ipmitool,no-vendor
                [ipmi]
                min_command_interval = 0.01
                command_retry_timeout = 2
                """,
        });
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Acceptance: {BmcCount} ipmi_sim BMCs on 127.0.0.1:{BasePort}+ and `ironic all` with ipmi on {Server.Endpoint} in "
            + $"{clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));
    }

    public async Task DisposeAsync()
    {
        Server?.Dispose();
        await ScriptAsync("stop.sh", bmcDir);
        try
        {
            Directory.Delete(bmcDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a simulator hook may still be closing a file.
        }
    }

    /// <summary>driver_info for BMC <paramref name="bmc"/> as <c>--driver-info</c> arguments.</summary>
    public string[] DriverInfoArgs(int bmc) =>
    [
        "--driver-info", "ipmi_address=127.0.0.1",
        "--driver-info", $"ipmi_port={BasePort + bmc}",
        "--driver-info", "ipmi_username=admin",
        "--driver-info", $"ipmi_password={Password}",
        "--driver-info", "ipmi_cipher_suite=3",
    ];

    /// <summary>The simulated machine's chassis state: power (0|1), boot, resets.</summary>
    public Dictionary<string, string> Chassis(int bmc) =>
        File.ReadAllLines(Path.Combine(bmcDir, "node" + bmc, "chassis"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    /// <summary>What the BMC was told, one "<c>what value</c>" per request.</summary>
    public IReadOnlyList<string> Events(int bmc)
    {
        var path = Path.Combine(bmcDir, "node" + bmc, "events.log");
        return File.Exists(path) ? [.. File.ReadAllLines(path).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..])] : [];
    }

    private static async Task<(int Code, string Output)> ScriptAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(PluginServerFixture.RepositoryRoot(), "tests", "bmc", "ipmi", script));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["IPMI_PASSWORD"] = Password;
        start.Environment["WAIT_SECS"] = "30";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}

[CollectionDefinition(Name)]
public sealed class IpmiCollection : ICollectionFixture<IpmiServerFixture>
{
    public const string Name = "acceptance-ipmi";
}
