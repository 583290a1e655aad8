using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Agent.Tests;

/// <summary>
/// Every way a call to the agent can go wrong, against <see cref="AgentDouble"/>: each ends in an
/// <see cref="AgentCommandFailed"/> that says what to do next, within attempts × command_timeout, retried only
/// when the agent could not be reached, with the token on every request and in no message.
/// </summary>
public sealed class AgentClientTests : IAsyncLifetime
{
    // Long enough that a loaded machine never times a good answer out (which would be retried).
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly string token = "tok-" + Guid.NewGuid().ToString("N");
    private readonly string node = Guid.NewGuid().ToString();
    private readonly string directory = Directory.CreateTempSubdirectory("agent-client-tests-").FullName;
    private AgentDouble agent = null!;

    public async Task InitializeAsync() => agent = await AgentDouble.StartAsync();

    public async Task DisposeAsync()
    {
        await agent.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Commands_CarryTheTokenOnEveryRequest()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, h.Request.Method == "GET"
            ? """{"commands": [{"command_name": "get_partition_uuids", "command_status": "SUCCEEDED"}]}"""
            : """{"command_name": "get_partition_uuids", "command_status": "SUCCEEDED", "command_result": {"root uuid": "abc"}}""");
        using var client = Client(agent.Url);

        var result = await client.ExecuteAsync("standby.get_partition_uuids", [], wait: true, default);
        var commands = await client.GetCommandsAsync(default);

        Assert.Equal("abc", result["command_result"]?["root uuid"]?.ToString());
        Assert.Single(commands);
        Assert.Equal(2, agent.Requests.Count);
        Assert.All(agent.Requests, r => Assert.Equal(token, r.Token));
        Assert.All(agent.Requests, r => Assert.Equal("/v1/commands/", r.Path));
    }

    [Fact]
    public async Task WrongToken_401_IsNotRetried_AndSaysToBootTheAgentAgain()
    {
        // IPA >= 10.2 refuses a command whose token is not the one it looked up with.
        agent.Answer = h => AgentDouble.Json(h, 401, """{"faultstring": "Invalid or missing agent token received."}""");

        var e = await FailsAsync(c => c.ExecuteAsync("standby.sync", [], wait: true, default));

        Assert.Single(agent.Requests);
        Assert.Contains("HTTP 401", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid or missing agent token received.", e.Message, StringComparison.Ordinal);
        Assert.Contains("reboot the node into the agent", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_IsNotRetried_AndCarriesTheAgentsBody()
    {
        agent.Answer = h => AgentDouble.Json(h, 500, """{"faultstring": "disk /dev/sda vanished"}""");

        var e = await FailsAsync(c => c.GetCommandsAsync(default));

        Assert.Single(agent.Requests);
        Assert.Contains("HTTP 500", e.Message, StringComparison.Ordinal);
        Assert.Contains("disk /dev/sda vanished", e.Message, StringComparison.Ordinal);
        Assert.Contains("agent's log", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidJson_IsNotRetried()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, "<html>not an agent</html>");

        var e = await FailsAsync(c => c.ExecuteAsync("standby.sync", [], wait: true, default));

        Assert.Single(agent.Requests);
        Assert.Contains("invalid JSON: <html>not an agent</html>", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing else answers at its address", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonThatIsNoObject_IsRefused()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, "[1, 2]");

        var e = await FailsAsync(c => c.GetCommandsAsync(default));

        Assert.Contains("something other than a JSON object: [1, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandList_Missing_IsRefused()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, """{"error": "no"}""");

        var e = await FailsAsync(c => c.GetCommandsAsync(default));

        Assert.Contains("without a command list", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedCommand_ThrowsWithTheAgentsError()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, """
            {"command_name": "sync", "command_status": "FAILED", "command_error": {"message": "Error", "details": "sync: device busy"}}
            """);

        var e = await FailsAsync(c => c.ExecuteAsync("standby.sync", [], wait: true, default));

        Assert.Single(agent.Requests);
        Assert.Equal($"Agent command standby.sync failed on node {node}: sync: device busy", e.Message);
    }

    [Fact]
    public async Task SlowAgent_IsRetried_ThenFailsWithinAttemptsTimesTimeout()
    {
        agent.Answer = async h =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), h.RequestAborted);
            await AgentDouble.Json(h, 200, """{"commands": []}""");
        };
        var clock = Stopwatch.StartNew();

        var e = await FailsAsync(c => c.GetCommandsAsync(default), attempts: 2, timeout: TimeSpan.FromSeconds(1));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(5));
        Assert.Equal(2, agent.Requests.Count);
        Assert.All(agent.Requests, r => Assert.Equal(token, r.Token));
        Assert.Contains("did not answer within 1 s, 2 attempts", e.Message, StringComparison.Ordinal);
        Assert.Contains("[agent] command_timeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodyListening_IsRetried_ThenSaysToCheckTheNode()
    {
        using var refusing = AgentDouble.RefusingPort();
        var url = $"http://{refusing.LocalEndPoint}";
        var clock = Stopwatch.StartNew();

        var e = await FailsAsync(c => c.GetCommandsAsync(default), attempts: 3, url: url);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains($"could not reach the agent at {url} after 3 attempts", e.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("check that the node runs the agent", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_TrustsTheAgentThroughTheCaItSent()
    {
        using var certificate = Certificates.SelfSigned("agent");
        await using var https = await AgentDouble.StartAsync(certificate);
        using var client = Client(https.Url, Certificates.WritePem(certificate, directory));

        var commands = await client.GetCommandsAsync(default);

        Assert.Empty(commands);
        Assert.Equal(token, Assert.Single(https.Requests).Token);
    }

    [Fact]
    public async Task Https_ACertificateOfAnotherCa_IsRefused_WithoutRetries()
    {
        using var certificate = Certificates.SelfSigned("agent");
        using var other = Certificates.SelfSigned("someone else");
        await using var https = await AgentDouble.StartAsync(certificate);

        var e = await FailsAsync(c => c.GetCommandsAsync(default), attempts: 3, url: https.Url, ca: Certificates.WritePem(other, directory));

        Assert.Empty(https.Requests);
        Assert.Contains("not signed by the CA it sent with its heartbeat", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_WithoutTheAgentsCa_IsRefused()
    {
        using var certificate = Certificates.SelfSigned("agent");
        await using var https = await AgentDouble.StartAsync(certificate);

        var e = await FailsAsync(c => c.GetCommandsAsync(default), url: https.Url);

        Assert.Empty(https.Requests);
        Assert.Contains("TLS certificate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_IsNotTurnedIntoAFailure()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Answer = async h =>
        {
            received.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), h.RequestAborted);
        };
        using var cancel = new CancellationTokenSource();
        using var client = new AgentClient(node, agent.Url, token, null, TimeSpan.FromSeconds(10), 3);

        // Cancelled once the agent has the request (a fixed delay raced the request on a busy machine).
        var call = client.GetCommandsAsync(cancel.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(agent.Requests);
    }

    private AgentClient Client(string url, string? ca = null, int attempts = 3, TimeSpan? timeout = null) =>
        new(node, url, token, ca, timeout ?? Timeout, attempts);

    // Runs the call, expects AgentCommandFailed naming the node, and checks that the token is not in its message.
    private async Task<AgentCommandFailed> FailsAsync<T>(Func<AgentClient, Task<T>> call, int attempts = 3, string? url = null, string? ca = null,
        TimeSpan? timeout = null)
    {
        using var client = Client(url ?? agent.Url, ca, attempts, timeout);
        var e = await Assert.ThrowsAsync<AgentCommandFailed>(() => call(client));
        Assert.Contains(node, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("agent_token", e.Message, StringComparison.Ordinal);
        return e;
    }
}
