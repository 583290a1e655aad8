using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>
/// A real HTTP server (Python's http.server) serving a directory on a free loopback port, as an
/// operator's web server serves <c>[deploy] http_root</c>; stopped by the PID it was started with.
/// </summary>
internal sealed class HttpBootServer : IAsyncDisposable
{
    private readonly Process process;

    private HttpBootServer(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<HttpBootServer> StartAsync(string root)
    {
        Directory.CreateDirectory(root);
        var port = FreePort();
        var start = new ProcessStartInfo("python3", ["-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--directory", root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new HttpBootServer(process, $"http://127.0.0.1:{port}");

        // Poll until it answers, with a deadline.
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var reply = await http.GetAsync(server.Url + "/");
                return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
