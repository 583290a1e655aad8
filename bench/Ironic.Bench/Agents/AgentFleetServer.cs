using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Ironic.Bench.Agents;

/// <summary>
/// The HTTP side of every simulated agent, on one loopback port: agent i answers at <c>/{i}/v1/commands/</c>
/// (so its callback URL is <c>http://127.0.0.1:PORT/{i}</c>), refusing a wrong agent_token with 401 as IPA 10.2 does.
/// </summary>
internal sealed class AgentFleetServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<SimulatedAgent> agents = [];
    private long polls;
    private long commands;
    private long refused;

    private AgentFleetServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
        app.Run(HandleAsync);
    }

    public int Port { get; }

    public long Polls => Interlocked.Read(ref polls);

    public long CommandsRun => Interlocked.Read(ref commands);

    public long Refused => Interlocked.Read(ref refused);

    public static async Task<AgentFleetServer> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var server = new AgentFleetServer(builder.Build(), port);
        await server.app.StartAsync().ConfigureAwait(false);
        return server;
    }

    public SimulatedAgent Add(string nodeUuid, bool hold, TimeSpan writeTime)
    {
        lock (agents)
        {
            var agent = new SimulatedAgent(nodeUuid, $"http://127.0.0.1:{Port}/{agents.Count}", hold, writeTime);
            agents.Add(agent);
            return agent;
        }
    }

    private async Task HandleAsync(HttpContext h)
    {
        var segments = h.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        SimulatedAgent? agent = null;
        if (segments.Length == 3 && segments[1] == "v1" && segments[2] == "commands" && int.TryParse(segments[0], out var i))
        {
            lock (agents)
            {
                agent = i >= 0 && i < agents.Count ? agents[i] : null;
            }
        }

        if (agent is null)
        {
            await WriteAsync(h, 404, new JsonObject { ["faultstring"] = "Not found" }).ConfigureAwait(false);
            return;
        }

        if (agent.Token is null || h.Request.Query["agent_token"] != agent.Token)
        {
            Interlocked.Increment(ref refused);
            await WriteAsync(h, 401, new JsonObject { ["faultstring"] = "Invalid or missing agent token received." }).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(h.Request.Method))
        {
            Interlocked.Increment(ref polls);
            await WriteAsync(h, 200, agent.Commands()).ConfigureAwait(false);
            return;
        }

        var body = await JsonNode.ParseAsync(h.Request.Body, cancellationToken: h.RequestAborted).ConfigureAwait(false);
        var result = agent.Execute(body?["name"]?.ToString() ?? "");
        Interlocked.Increment(ref commands);
        await WriteAsync(h, result is null ? 400 : 200, result ?? new JsonObject { ["faultstring"] = "Unknown command" }).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext h, int status, JsonObject body)
    {
        h.Response.StatusCode = status;
        h.Response.ContentType = "application/json";
        await h.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
