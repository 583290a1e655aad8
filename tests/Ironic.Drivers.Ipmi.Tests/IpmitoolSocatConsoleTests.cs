using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>The ipmitool-socat console end to end: socat, ipmitool sol activate, ipmi_sim's SOL, a serial stream.</summary>
public sealed class IpmitoolSocatConsoleTests(SolBmc bmc) : IClassFixture<SolBmc>, IDisposable
{
    private readonly string pidDir = Path.Combine(Path.GetTempPath(), "ironic-ipmi-console-" + Guid.NewGuid().ToString("N")[..12]);

    private IpmitoolSocatConsole Console(string? portRange)
    {
        var env = new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__STATE_PATH"] = Path.GetTempPath(),
            ["IRONIC_IPMI__MIN_COMMAND_INTERVAL"] = "0.01",
            ["IRONIC_IPMI__COMMAND_RETRY_TIMEOUT"] = "1",
            ["IRONIC_CONSOLE__TERMINAL_PID_DIR"] = pidDir,
            ["IRONIC_CONSOLE__SOCAT_ADDRESS"] = "127.0.0.1",
        };
        if (portRange is not null)
        {
            env["IRONIC_CONSOLE__PORT_RANGE"] = portRange;
        }

        return new IpmitoolSocatConsole(new DriverServices(IronicOptions.Load([], env)));
    }

    private TestTaskContext Task() => bmc.TaskFor(new IpmiTestDriver(), 0);

    public void Dispose()
    {
        if (Directory.Exists(pidDir))
        {
            Directory.Delete(pidDir, recursive: true);
        }
    }

    [Fact]
    public async Task Validate_WithoutTerminalPortOrPortRange_IsIronicsMessage()
    {
        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => Console(null).ValidateAsync(Task(), default));
        Assert.Equal("Either missing 'ipmi_terminal_port' parameter in node's driver_info or [console]port_range is not configured", e.Message);
    }

    [Fact]
    public async Task StartedConsole_StreamsTheSerialPort_OverTcp_AndStopEndsIt()
    {
        var first = SimulatedBmcs.UnusedUdpPort();
        var console = Console($"{first}:{Math.Min(first + 50, 65535)}");
        var task = Task();

        await console.StartConsoleAsync(task, default);
        try
        {
            var port = task.Node.DriverInternalInfo["allocated_ipmi_terminal_port"]!.GetValue<int>();
            var info = await console.GetConsoleAsync(task, default);
            Assert.Equal("socat", (string?)info["type"]);
            Assert.Equal($"tcp://127.0.0.1:{port}", (string?)info["url"]);

            var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(pidDir, task.Node.Uuid + ".pid")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.DoesNotContain(SimulatedBmcs.Password, (await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).Replace('\0', ' '));

            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var text = await ReadUntilAsync(client.GetStream(), "serial line", TimeSpan.FromSeconds(20));
            Assert.Contains("serial line", text);
        }
        finally
        {
            await console.StopConsoleAsync(task, default);
        }

        Assert.False(File.Exists(Path.Combine(pidDir, task.Node.Uuid + ".pid")));
        Assert.Null(task.Node.DriverInternalInfo["allocated_ipmi_terminal_port"]);
    }

    private static async Task<string> ReadUntilAsync(NetworkStream stream, string wanted, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!text.ToString().Contains(wanted, StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                {
                    break;
                }

                text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
        catch (OperationCanceledException)
        {
            // Returned as read so far; the assertion shows it.
        }

        return text.ToString();
    }
}
