using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Agent.Tests;

/// <summary>
/// A deploy agent's HTTP side for error paths the real agent will not produce on demand: Kestrel on a
/// loopback port of 18600-18699 (plain, or https with a given certificate), answering every request with
/// <see cref="Answer"/> and keeping what it was sent in <see cref="Requests"/>.
/// </summary>
public sealed class AgentDouble : IAsyncDisposable
{
    private const int FirstPort = 18600;
    private const int LastPort = 18699;

    private readonly WebApplication app;

    private AgentDouble(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
        app.Run(async h =>
        {
            Requests.Enqueue(new AgentRequest(h.Request.Method, h.Request.Path, h.Request.Query["agent_token"].ToString()));
            await Answer(h).ConfigureAwait(false);
        });
    }

    /// <summary>The agent's callback URL, e.g. <c>http://127.0.0.1:18601</c>.</summary>
    public string Url { get; }

    /// <summary>What every request is answered with; a command list with nothing in it unless the test says otherwise.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = h => Json(h, 200, """{"commands": []}""");

    public ConcurrentQueue<AgentRequest> Requests { get; } = new();

    public static async Task<AgentDouble> StartAsync(X509Certificate2? certificate = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
            var agent = new AgentDouble(builder.Build(), $"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}");
            try
            {
                await agent.app.StartAsync().ConfigureAwait(false);
                return agent;
            }
            catch (IOException) when (attempt < 20)
            {
                // Another test took the port between the probe and the start.
                await agent.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A loopback port in 18600-18699 that nothing listens on now.</summary>
    public static int FreePort()
    {
        var start = Random.Shared.Next(FirstPort, LastPort + 1);
        for (var i = 0; i <= LastPort - FirstPort; i++)
        {
            var port = FirstPort + ((start - FirstPort + i) % (LastPort - FirstPort + 1));
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try the next.
            }
        }

        throw new InvalidOperationException($"No free loopback port in {FirstPort}-{LastPort}.");
    }

    /// <summary>
    /// A loopback port in 18600-18699 bound but not listening, so that connecting is refused and no other test can
    /// take it until the socket is disposed.
    /// </summary>
    public static Socket RefusingPort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, FreePort()));
                return socket;
            }
            catch (SocketException) when (attempt < 20)
            {
                socket.Dispose();
            }
        }
    }

    public static async Task Json(HttpContext h, int status, string body)
    {
        ArgumentNullException.ThrowIfNull(h);
        h.Response.StatusCode = status;
        h.Response.ContentType = "application/json";
        await h.Response.WriteAsync(body).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
