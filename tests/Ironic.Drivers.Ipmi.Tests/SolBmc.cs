using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>
/// One ipmi_sim BMC with Serial-over-LAN: its serial port is a TCP connection ipmi_sim opens to a
/// listener here, which writes "serial line N" lines as a booting machine would.
/// </summary>
public sealed class SolBmc : SimulatedBmcs
{
    private readonly TcpListener serial = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task? writer;

    public SolBmc()
        : base(1)
    {
        serial.Start();
    }

    protected override IReadOnlyDictionary<string, string> StartEnvironment =>
        new Dictionary<string, string> { ["SOL_BASEPORT"] = ((IPEndPoint)serial.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public override async Task InitializeAsync()
    {
        writer = Task.Run(WriteLinesAsync);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await stop.CancelAsync();
        serial.Stop();
        if (writer is not null)
        {
            await writer;
        }

        stop.Dispose();
    }

    private async Task WriteLinesAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await serial.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                try
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"serial line {i}\r\n"), stop.Token);
                        await Task.Delay(100, stop.Token);
                    }
                }
                catch (IOException)
                {
                    // ipmi_sim went away; wait for it to connect again.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
