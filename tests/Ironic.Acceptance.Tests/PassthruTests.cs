using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Vendor passthru of fake-hardware through <c>openstack baremetal node/driver passthru</c>. The CLI
/// prints a node method's result with Python's repr, and cannot show a driver method's synchronous
/// body, so only asynchronous driver methods are called through it.
/// </summary>
[Collection(Collections.Passthru)]
public sealed class PassthruTests(IronicServerFixture fixture, ITestOutputHelper output)
{
    private readonly BaremetalCli cli = fixture.Cli(output);

    [Fact]
    public async Task NodePassthru_ListAndCall_SyncAsyncAndMissingArgument()
    {
        var uuid = await cli.ValueAsync("uuid", "node", "create", "--driver", "fake-hardware", "--name", Unique.Name("acc-passthru"));

        var methods = await cli.RowsAsync("node", "passthru", "list", uuid);
        foreach (var (name, isAsync) in (ReadOnlySpan<(string, bool)>)[("third_method_sync", false), ("second_method", true),
                     ("fourth_method_shared_lock", true), ("echo", false)])
        {
            var row = Assert.Single(methods, r => (string?)r["Name"] == name);
            Assert.Equal(isAsync, (bool?)row["Async"]);
            Assert.False((bool?)row["Response is attachment"]);
        }

        Assert.Equal("POST", (string?)methods.Single(r => (string?)r["Name"] == "second_method")["Supported HTTP methods"]);
        Assert.Contains("GET", ((string)methods.Single(r => (string?)r["Name"] == "echo")["Supported HTTP methods"]!).Split(", "));

        // A synchronous method's dict is printed as Python shows it. ironicclient sends no body with GET.
        var echo = await cli.OkAsync("node", "passthru", "call", uuid, "echo", "--http-method", "GET", "--arg", "a=1");
        Assert.Contains("'http_method': 'GET'", echo.StdOut, StringComparison.Ordinal);
        Assert.Contains($"'node': '{uuid}'", echo.StdOut, StringComparison.Ordinal);

        // Asynchronous: 202 and no body, the method runs on a conductor worker.
        var accepted = await cli.OkAsync("node", "passthru", "call", uuid, "second_method", "--arg", "bar=kazoo");
        Assert.Equal("", accepted.StdOut.Trim());

        var missing = await cli.FailAsync("node", "passthru", "call", uuid, "second_method");
        Assert.Contains("Parameter 'bar' not passed to method 'second_method'.", missing.StdErr, StringComparison.Ordinal);
        Assert.Contains("(HTTP 400)", missing.StdErr, StringComparison.Ordinal);

        // The async call left no error behind on the node.
        using var api = new IronicApi(fixture.Server);
        var node = await api.NodeAsync(uuid);
        Assert.Null((string?)node["last_error"]);
        Assert.Null((string?)node["reservation"]);
    }

    [Fact]
    public async Task DriverPassthru_ListAndCallAsyncMethod()
    {
        var methods = await cli.RowsAsync("driver", "passthru", "list", "fake-hardware");
        var driverAsync = Assert.Single(methods, r => (string?)r["Name"] == "driver_async");
        Assert.True((bool?)driverAsync["Async"]);
        Assert.Equal("POST", (string?)driverAsync["Supported HTTP methods"]);
        Assert.Contains(methods, r => (string?)r["Name"] == "driver_echo" && (bool?)r["Async"] == false);

        var called = await cli.OkAsync("driver", "passthru", "call", "fake-hardware", "driver_async");
        Assert.Equal("", called.StdOut.Trim());
    }
}
