using System.Diagnostics;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// How ipmitool is run: the command line (never the password), spacing per BMC, a BMC that does not
/// answer, errors without secrets.
/// </summary>
[Collection(DriverBmcsCollection.Name)]
public sealed class IpmitoolCommandTests(FourBmcs bmcs)
{
    private static Ipmitool Tool(IpmiOptions? options = null) =>
        new(options ?? new IpmiOptions { MinCommandInterval = TimeSpan.FromMilliseconds(10), CommandRetryTimeout = TimeSpan.FromSeconds(1) },
            TimeProvider.System, NullLogger.Instance);

    private IpmiDriverInfo Info(int node) => IpmiDriverInfo.Parse(new Node { Uuid = "n" + node, DriverInfo = bmcs.DriverInfo(node) });

    [Fact]
    public void CommandLine_IsIronics_AndHoldsNoPassword()
    {
        var info = Info(0);
        var psi = Tool().CreateStartInfo(info, ["power", "status"]);

        Assert.Equal("ipmitool", psi.FileName);
        Assert.Equal(
            ["-I", "lanplus", "-H", "127.0.0.1", "-L", "ADMINISTRATOR", "-p", bmcs.Port(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-U", "admin", "-C", "3", "-R", "1", "-N", "1", "-E", "power", "status"],
            psi.ArgumentList);
        Assert.DoesNotContain(psi.ArgumentList, a => a.Contains(SimulatedBmcs.Password, StringComparison.Ordinal));
        Assert.Equal(SimulatedBmcs.Password, psi.Environment["IPMI_PASSWORD"]);
    }

    [Fact]
    public async Task RunningIpmitool_NeverShowsThePasswordInItsProcessArguments()
    {
        // Reads /proc/<pid>/cmdline of every ipmitool child while commands run.
        var tool = Tool();
        var info = Info(1);
        var port = $" -p {bmcs.Port(1)} ";
        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var p in Process.GetProcessesByName("ipmitool"))
                {
                    try
                    {
                        // Only this BMC's: other fixtures' start.sh may be checking their BMCs meanwhile.
                        var cmdline = File.ReadAllText($"/proc/{p.Id}/cmdline").Replace('\0', ' ');
                        if (cmdline.Contains(port, StringComparison.Ordinal))
                        {
                            seen.Add(cmdline);
                        }
                    }
                    catch (IOException)
                    {
                        // Gone already.
                    }
                }

                await Task.Delay(5);
            }
        });
        for (var i = 0; i < 5; i++)
        {
            await tool.ExecuteAsync(info, "power status", default);
        }

        await stop.CancelAsync();
        await watcher;
        Assert.NotEmpty(seen);
        Assert.DoesNotContain(seen, s => s.Contains(SimulatedBmcs.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABmcThatDoesNotAnswer_FailsWithinBoundedTime_NamingAddressAndPort()
    {
        var down = SimulatedBmcs.UnusedUdpPort();
        var info = IpmiDriverInfo.Parse(new Node
        {
            Uuid = "down",
            DriverInfo = new() { ["ipmi_address"] = "127.0.0.1", ["ipmi_port"] = down, ["ipmi_password"] = SimulatedBmcs.Password, ["ipmi_cipher_suite"] = "3" },
        });
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<IpmiFailure>(() => Tool(new IpmiOptions
        {
            MinCommandInterval = TimeSpan.FromMilliseconds(10),
            CommandRetryTimeout = TimeSpan.FromSeconds(1),
        }).ExecuteAsync(info, "power status", default));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        Assert.StartsWith("IPMI call failed: power status.", e.Message);
        Assert.Contains($"127.0.0.1:{down}", e.Message);
        Assert.Contains("check ipmi_address and ipmi_port", e.Message);
        Assert.DoesNotContain(SimulatedBmcs.Password, e.Message);
    }

    [Fact]
    public async Task AWrongPassword_FailsWithoutShowingEitherPassword()
    {
        var node = new Node { Uuid = "wrong", DriverInfo = bmcs.DriverInfo(2) };
        node.DriverInfo["ipmi_password"] = "Not-The-Pa55word";

        var e = await Assert.ThrowsAsync<IpmiFailure>(() => Tool().ExecuteAsync(IpmiDriverInfo.Parse(node), "power status", default));

        Assert.DoesNotContain("Not-The-Pa55word", e.Message);
        Assert.DoesNotContain(SimulatedBmcs.Password, e.Message);
        Assert.Contains($"127.0.0.1:{bmcs.Port(2)}", e.Message);
    }

    [Fact]
    public void Redact_RemovesThePasswordFromOutput()
    {
        Assert.Equal("user admin password *** rejected", Ipmitool.Redact("user admin password s3cret rejected", "s3cret"));
        Assert.Equal("as is", Ipmitool.Redact("as is", ""));
    }

    [Fact]
    public async Task CommandsToOneBmc_AreSerializedAndSpacedByMinCommandInterval()
    {
        var tool = Tool(new IpmiOptions { MinCommandInterval = TimeSpan.FromMilliseconds(300), CommandRetryTimeout = TimeSpan.FromSeconds(5) });
        var info = Info(3);
        var clock = Stopwatch.StartNew();

        // Four concurrent reads of one BMC: at least three gaps of 300 ms between them.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tool.ExecuteAsync(info, "power status", default)));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Cancellation_StopsTheRunningIpmitool()
    {
        var info = IpmiDriverInfo.Parse(new Node
        {
            Uuid = "down2",
            DriverInfo = new() { ["ipmi_address"] = "127.0.0.1", ["ipmi_port"] = SimulatedBmcs.UnusedUdpPort(), ["ipmi_cipher_suite"] = "3" },
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Tool(new IpmiOptions
        {
            MinCommandInterval = TimeSpan.FromMilliseconds(10),
            CommandRetryTimeout = TimeSpan.FromSeconds(30),
        }).ExecuteAsync(info, "power status", cts.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }
}
