using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Serial-over-LAN console through socat (Ironic's <c>IPMISocatConsole</c>): socat listens on the node's
/// <c>ipmi_terminal_port</c> (or one allocated from <c>[console] port_range</c>) and runs
/// <c>ipmitool ... sol activate</c> for the client that connects; the console URL is
/// <c>tcp://&lt;socat_address&gt;:&lt;port&gt;</c>. The password reaches ipmitool through socat's
/// environment, never its arguments. socat outlives the request that started it; its PID is kept in
/// <c>[console] terminal_pid_dir</c> so stopping finds it again.
/// </summary>
[HardwareInterface("ipmitool-socat")]
public sealed class IpmitoolSocatConsole : ConsoleInterface
{
    private const string AllocatedPortKey = "allocated_ipmi_terminal_port";

    // Ironic's console_utils keeps allocated ports per process; so does this.
    private static readonly HashSet<int> AllocatedPorts = [];

    private readonly IpmiContext ipmi;
    private readonly ConsoleOptions console;

    public IpmitoolSocatConsole(IDriverServices services)
    {
        ipmi = new IpmiContext(services, typeof(IpmitoolSocatConsole).FullName!);
        console = ConsoleOptions.Read(services);
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => IpmiProperties.Console;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        if (info.TerminalPort is null && console.PortRange is null)
        {
            throw new MissingParameterValue("Either missing 'ipmi_terminal_port' parameter in node's driver_info or [console]port_range is not configured");
        }

        if (info.ProtocolVersion != "2.0")
        {
            throw new InvalidParameterValue("Serial over lan only works with IPMI protocol version 2.0. " +
                "Check the 'ipmi_protocol_version' parameter in node's driver_info");
        }

        return Task.CompletedTask;
    }

    public override async Task StartConsoleAsync(ITaskContext task, CancellationToken ct)
    {
        await ValidateAsync(task, ct).ConfigureAwait(false);
        StopSocat(task.Node.Uuid);
        await ReleasePortAsync(task, ct).ConfigureAwait(false);
        var info = IpmiDriverInfo.Parse(task.Node);
        var port = info.TerminalPort ?? await AllocatePortAsync(task, ct).ConfigureAwait(false);

        // A session left active (by a socat that was killed, or another tool) would refuse ours.
        await ipmi.Ipmitool.ExecuteAsync(info, "sol deactivate", acceptExitCodes: [0, 1], ct).ConfigureAwait(false);

        var activate = string.Join(' ', ipmi.Ipmitool.Arguments(info).Prepend(ipmi.Options.IpmitoolPath).Append("sol").Append("activate"));
        if (activate.IndexOfAny([',', '"', '\'', '!', '\\']) >= 0)
        {
            throw new InvalidParameterValue($"The console of node {task.Node.Uuid} cannot be started: ipmi_address, ipmi_username and " +
                "the bridging values must not contain commas, quotes, '!' or backslashes for socat.");
        }

        var psi = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardError = true };
        if (console.TerminalTimeout > 0)
        {
            psi.ArgumentList.Add($"-T{console.TerminalTimeout}");
        }

        psi.ArgumentList.Add($"TCP4-LISTEN:{port},bind={console.SocatAddress},reuseaddr,fork,max-children=1");
        psi.ArgumentList.Add($"EXEC:\"{activate}\",pty,stderr");
        psi.Environment["IPMI_PASSWORD"] = info.Password;

        Process socat;
        try
        {
            socat = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IronicException($"Could not start the console of node {task.Node.Uuid}: socat could not be run ({e.Message}); install socat on the conductor host.");
        }

        socat.StandardInput.Close();
        Directory.CreateDirectory(console.PidDir);
        await File.WriteAllTextAsync(PidFile(task.Node.Uuid), socat.Id.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);

        // Started is not listening: wait for the port, or for socat to give up (a port in use, say).
        var started = ipmi.Time.GetTimestamp();
        while (!Listening(port))
        {
            if (socat.HasExited || ipmi.Time.GetElapsedTime(started) > console.SubprocessTimeout)
            {
                var error = socat.HasExited ? await socat.StandardError.ReadToEndAsync(ct).ConfigureAwait(false) : "not listening in time";
                StopSocat(task.Node.Uuid);
                throw new IronicException($"Could not start the console of node {task.Node.Uuid} on port {port}: " +
                    Ipmitool.Redact(error.Trim(), info.Password));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), ipmi.Time, ct).ConfigureAwait(false);
        }

        // socat's stderr is no longer read; closing our end keeps it from blocking on a full pipe.
        socat.StandardError.Close();
        socat.Dispose();
    }

    public override async Task StopConsoleAsync(ITaskContext task, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        StopSocat(task.Node.Uuid);
        await ipmi.Ipmitool.ExecuteAsync(info, "sol deactivate", acceptExitCodes: [0, 1], ct).ConfigureAwait(false);
        await ReleasePortAsync(task, ct).ConfigureAwait(false);
    }

    public override Task<JsonObject> GetConsoleAsync(ITaskContext task, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        var port = info.TerminalPort
            ?? throw new IronicException($"The console of node {task.Node.Uuid} has no port: it is not started.", 400);
        return Task.FromResult(new JsonObject { ["type"] = "socat", ["url"] = $"tcp://{console.SocatAddress}:{port}" });
    }

    private string PidFile(string uuid) => Path.Combine(console.PidDir, uuid + ".pid");

    /// <summary>Kills the node's socat and whatever it runs, if the recorded PID is still a socat.</summary>
    private void StopSocat(string uuid)
    {
        var file = PidFile(uuid);
        if (!File.Exists(file))
        {
            return;
        }

        if (int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
                if (cmdline.StartsWith("socat\0", StringComparison.Ordinal) || cmdline.Contains("/socat\0", StringComparison.Ordinal))
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Gone already.
            }
        }

        File.Delete(file);
    }

    private async Task<int> AllocatePortAsync(ITaskContext task, CancellationToken ct)
    {
        var (first, last) = console.PortRange!.Value;
        int port;
        lock (AllocatedPorts)
        {
            port = Enumerable.Range(first, last - first + 1).FirstOrDefault(p => !AllocatedPorts.Contains(p) && !Listening(p));
            if (port == 0)
            {
                throw new IronicException($"No free port in [console] port_range {first}:{last} for the console of node {task.Node.Uuid}.");
            }

            AllocatedPorts.Add(port);
        }

        task.Node.DriverInternalInfo[AllocatedPortKey] = port;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return port;
    }

    private static async Task ReleasePortAsync(ITaskContext task, CancellationToken ct)
    {
        if (IpmiDriverInfo.Text(task.Node.DriverInternalInfo, AllocatedPortKey) is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var port))
        {
            lock (AllocatedPorts)
            {
                AllocatedPorts.Remove(port);
            }

            task.Node.DriverInternalInfo.Remove(AllocatedPortKey);
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
        }
    }

    private static bool Listening(int port) =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == port);
}
