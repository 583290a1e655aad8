using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>How the CLI reports server errors (none of them 409, which the CLI retries for ~10 s).</summary>
[Collection(Collections.Errors)]
public sealed class ErrorTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task UnknownNode_ShowAndSet_ExitOneWithNotFound()
    {
        var name = Unique.Name("acc-nosuch");

        var show = await cli.FailAsync("node", "show", name);
        Assert.Contains($"Node {name} could not be found. (HTTP 404)", show.StdErr, StringComparison.Ordinal);
        Assert.Equal("", show.StdOut);

        var set = await cli.FailAsync("node", "set", name, "--extra", "a=b");
        Assert.Contains($"Node {name} could not be found. (HTTP 404)", set.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPort_Show_ExitOneWithNotFound()
    {
        var uuid = Guid.NewGuid().ToString();
        var show = await cli.FailAsync("port", "show", uuid);
        Assert.Contains($"Port {uuid} could not be found. (HTTP 404)", show.StdErr, StringComparison.Ordinal);
    }
}

/// <summary>The launched process itself.</summary>
[Collection(Collections.Errors)]
public sealed class StartupTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Server_AnswersRoot_AndReportsItsStartupTime()
    {
        var server = fixture.Server;
        var seconds = server.StartupTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var message = $"ironic all: launch to first answer of GET / took {seconds} s (port {server.Port})";
        output.WriteLine(message);
        Console.WriteLine(message);

        Assert.False(server.HasExited, server.ReadLog());
        Assert.True(server.StartupTime > TimeSpan.Zero);

        using var http = new HttpClient();
        var root = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Endpoint + "/")))!;
        Assert.Equal("v1", (string?)root["default_version"]!["id"]);
        Assert.Equal($"{server.Endpoint}/v1/", (string?)root["default_version"]!["links"]![0]!["href"]);
    }
}
