using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Plain HTTP against an <see cref="IronicProcess"/> at our maximum microversion: for what the CLI
/// cannot do (a synchronous driver method's body) and for cheap checks and polls between CLI commands,
/// each of which costs seconds of Python start-up.
/// </summary>
public sealed class IronicApi : IDisposable
{
    public const string Version = "1.78";

    private readonly IronicProcess server;
    private readonly HttpClient http;

    public IronicApi(IronicProcess server)
    {
        this.server = server;
        http = new HttpClient { BaseAddress = new Uri(server.Endpoint + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-OpenStack-Ironic-API-Version", Version);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Sends a request; returns the status and the parsed body (null when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Sends a request and asserts the expected status; returns the parsed body.</summary>
    public async Task<JsonNode?> ExpectAsync(HttpStatusCode expected, HttpMethod method, string path, JsonNode? body = null)
    {
        var (status, answer) = await SendAsync(method, path, body);
        if (status != expected)
        {
            Assert.Fail($"{method} {path} answered {(int)status} {status}, expected {(int)expected}: {answer?.ToJsonString()}\n"
                        + $"server {server.Status}; log tail:\n{string.Join('\n', server.ReadLog().Split('\n').TakeLast(30))}");
        }

        return answer;
    }

    public async Task<JsonObject> NodeAsync(string ident) =>
        (await ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, $"v1/nodes/{ident}"))!.AsObject();

    /// <summary>Creates a node by POST /v1/nodes; returns it.</summary>
    public async Task<JsonObject> CreateNodeAsync(JsonObject node) =>
        (await ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "v1/nodes", node))!.AsObject();

    /// <summary>PUT /v1/nodes/{node}/states/provision (202).</summary>
    public Task SetProvisionStateAsync(string ident, string target) =>
        ExpectAsync(HttpStatusCode.Accepted, HttpMethod.Put, $"v1/nodes/{ident}/states/provision", new JsonObject { ["target"] = target });

    /// <summary>Polls GET /v1/nodes/{node} until <paramref name="done"/> holds; fails with the last node seen after <paramref name="timeout"/>.</summary>
    public async Task<JsonObject> WaitForNodeAsync(string ident, Func<JsonObject, bool> done, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var node = await NodeAsync(ident);
            if (done(node))
            {
                return node;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"node {ident} did not get {what} within {timeout.TotalSeconds} s; last seen: {node.ToJsonString()}");
            }

            await Task.Delay(100);
        }
    }

    public Task<JsonObject> WaitForProvisionStateAsync(string ident, string state, TimeSpan? timeout = null) =>
        WaitForNodeAsync(ident, n => (string?)n["provision_state"] == state && n["target_provision_state"] is null,
            $"provision_state \"{state}\"", timeout ?? TimeSpan.FromSeconds(30));

    public void Dispose() => http.Dispose();
}
