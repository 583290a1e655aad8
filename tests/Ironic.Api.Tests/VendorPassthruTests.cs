using System.Text.Json.Nodes;

namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class VendorPassthruTests(ApiServer server)
{
    private async Task<string> NewNodeAsync() => (string)(await server.CreateNodeAsync(ApiServer.UniqueName("vendor")))["uuid"]!;

    private Task<Reply> CallAsync(string uuid, string method, string body = "{}", string verb = "POST") =>
        server.SendAsync(new HttpMethod(verb), $"/v1/nodes/{uuid}/vendor_passthru?method={method}", json: body);

    [Fact]
    public async Task SyncMethod_Answers200WithItsResult()
    {
        var uuid = await NewNodeAsync();

        var meow = await CallAsync(uuid, "third_method_sync", """{"bar": "meow"}""");
        var woof = await CallAsync(uuid, "third_method_sync", """{"bar": "woof"}""");

        Assert.Equal(200, meow.Status);
        Assert.Equal("true", meow.Body);
        Assert.Equal("false", woof.Body);
    }

    [Fact]
    public async Task AsyncMethod_Answers202WithNoBody()
    {
        var uuid = await NewNodeAsync();

        var reply = await CallAsync(uuid, "second_method", """{"bar": "kazoo"}""");
        await server.WhenIdleAsync();

        Assert.Equal(202, reply.Status);
        Assert.Equal("", reply.Body);
        Assert.Null((await server.GetAsync($"/v1/nodes/{uuid}")).Json["reservation"]);
    }

    [Fact]
    public async Task PathForm_CallsTheSameMethod()
    {
        var uuid = await NewNodeAsync();

        var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/vendor_passthru/echo", json: """{"k": "v"}""");

        Assert.Equal(200, reply.Status);
        Assert.Equal("PUT", (string?)reply.Json["http_method"]);
        Assert.Equal("v", (string?)reply.Json["args"]!["k"]);
    }

    [Fact]
    public async Task TheHttpMethodUsed_IsPassedToTheMethod()
    {
        var uuid = await NewNodeAsync();

        foreach (var verb in new[] { "GET", "POST", "PATCH", "DELETE" })
        {
            var reply = await CallAsync(uuid, "echo", verb: verb, body: verb == "GET" ? "{}" : """{"a": 1}""");
            Assert.Equal(verb, (string?)reply.Json["http_method"]);
        }
    }

    [Fact]
    public async Task AnUndeclaredHttpMethod_IsRefused()
    {
        var uuid = await NewNodeAsync();

        var reply = await CallAsync(uuid, "third_method_sync", """{"bar": "meow"}""", verb: "PUT");

        Assert.Equal(400, reply.Status);
        Assert.Equal("The method third_method_sync does not support HTTP PUT", reply.Fault);
    }

    [Theory]
    [InlineData("third_method_sync", "{}", "Parameter 'bar' not passed to method 'third_method_sync'.")]
    [InlineData("second_method", "{\"baz\": 1}", "Parameter 'bar' not passed to method 'second_method'.")]
    [InlineData("no_such_method", "{}", "No handler for method no_such_method")]
    public async Task ValidationFailuresAndUnknownMethods_Are400(string method, string body, string message)
    {
        var uuid = await NewNodeAsync();

        var reply = await CallAsync(uuid, method, body);

        Assert.Equal(400, reply.Status);
        Assert.Equal(message, reply.Fault);
    }

    [Fact]
    public async Task MissingMethod_Is400()
    {
        var uuid = await NewNodeAsync();

        var reply = await server.SendAsync(HttpMethod.Post, $"/v1/nodes/{uuid}/vendor_passthru", json: "{}");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Method not specified", reply.Fault);
    }

    [Fact]
    public async Task ExclusiveMethod_OnANodeLockedElsewhere_Is409()
    {
        var uuid = await NewNodeAsync();
        await server.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "deploying", DateTimeOffset.UtcNow);
        try
        {
            var reply = await CallAsync(uuid, "third_method_sync", """{"bar": "meow"}""");

            Assert.Equal(409, reply.Status);
            Assert.Contains("locked by host other-conductor", reply.Fault, StringComparison.Ordinal);
        }
        finally
        {
            await server.Store.Reservations.ReleaseAsync(uuid, "other-conductor");
        }
    }

    [Fact]
    public async Task SharedLockMethod_RunsWhileAnotherTaskHoldsTheNode()
    {
        var uuid = await NewNodeAsync();
        await server.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "deploying", DateTimeOffset.UtcNow);
        try
        {
            var shared = await CallAsync(uuid, "echo", """{"x": 1}""");
            var sharedAsync = await CallAsync(uuid, "fourth_method_shared_lock", """{"bar": "woof"}""");
            await server.WhenIdleAsync();

            Assert.Equal(200, shared.Status);
            Assert.True((bool)shared.Json["shared"]!);
            Assert.Equal(202, sharedAsync.Status);
            Assert.Equal("other-conductor", (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["reservation"]);
        }
        finally
        {
            await server.Store.Reservations.ReleaseAsync(uuid, "other-conductor");
        }
    }

    [Fact]
    public async Task AttachMethod_ReturnsRawBytes()
    {
        var uuid = await NewNodeAsync();

        var reply = await CallAsync(uuid, "console_log", verb: "GET");

        Assert.Equal(200, reply.Status);
        Assert.Equal("application/octet-stream", reply.Header("Content-Type"));
        Assert.Equal($"fake console log of node {uuid}\n", reply.Body);
    }

    [Fact]
    public async Task AsyncFailure_IsRecordedInLastError()
    {
        var uuid = await NewNodeAsync();

        var reply = await CallAsync(uuid, "failing_method");
        await server.WhenIdleAsync();

        Assert.Equal(202, reply.Status);
        var node = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        Assert.Equal($"Vendor passthru method failing_method failed: failing_method failed on node {uuid}, as it always does.", (string?)node["last_error"]);
        Assert.Null(node["reservation"]);
    }

    [Fact]
    public async Task FullWorkerPool_Answers503AndReleasesTheLock()
    {
        var uuid = await NewNodeAsync();
        var (occupied, release) = server.FillWorkerPool();
        await using (release)
        {
            var reply = await CallAsync(uuid, "second_method", """{"bar": "kazoo"}""");

            Assert.True(occupied > 0);
            Assert.Equal(503, reply.Status);
            Assert.Equal("Requested action cannot be performed due to lack of free conductor workers.", reply.Fault);
            Assert.Null((await server.GetAsync($"/v1/nodes/{uuid}")).Json["reservation"]);
        }

        Assert.Equal(202, (await CallAsync(uuid, "second_method", """{"bar": "kazoo"}""")).Status);
        await server.WhenIdleAsync();
    }

    [Fact]
    public async Task NodeMethodsListing_IsExact()
    {
        var uuid = await NewNodeAsync();

        var methods = (await server.GetAsync($"/v1/nodes/{uuid}/vendor_passthru/methods")).Json;

        Assert.Equal(
            """{"http_methods":["POST"],"async":false,"description":"Test if the value of bar is meow","attach":false,"require_exclusive_lock":true}""",
            methods["third_method_sync"]!.ToJsonString());
        Assert.Equal(
            """{"http_methods":["POST"],"async":true,"description":"Test if the value of bar is woof","attach":false,"require_exclusive_lock":false}""",
            methods["fourth_method_shared_lock"]!.ToJsonString());
        Assert.Equal(
            """{"http_methods":["GET"],"async":false,"description":"Return a fake console log as a raw attachment","attach":true,"require_exclusive_lock":false}""",
            methods["console_log"]!.ToJsonString());
        Assert.Contains("second_method", methods.Select(kv => kv.Key));
    }

    [Fact]
    public async Task DriverMethods_RunWithoutANodeAndAreListed()
    {
        var sync = await server.SendAsync(HttpMethod.Get, "/v1/drivers/fake-hardware/vendor_passthru?method=driver_echo");
        var asyncCall = await server.SendAsync(HttpMethod.Post, "/v1/drivers/fake-hardware/vendor_passthru/driver_async", json: "{}");
        var invalid = await server.SendAsync(HttpMethod.Post, "/v1/drivers/fake-hardware/vendor_passthru?method=fail_validation", json: "{}");
        var methods = (await server.GetAsync("/v1/drivers/fake-hardware/vendor_passthru/methods")).Json;
        await server.WhenIdleAsync();

        Assert.Equal(200, sync.Status);
        Assert.Equal("fake-hardware", (string?)sync.Json["driver"]);
        Assert.Equal("GET", (string?)sync.Json["http_method"]);
        Assert.Equal(202, asyncCall.Status);
        Assert.Equal(400, invalid.Status);
        Assert.Equal("fail_validation always fails validation.", invalid.Fault);
        Assert.Equal(
            """{"http_methods":["GET","POST"],"async":false,"description":"Return the driver's name and the call's HTTP method and arguments","attach":false}""",
            methods["driver_echo"]!.ToJsonString(Ironic.Common.Json.IronicJson.Options));
    }

    [Fact]
    public async Task DriverMethods_NeverAnswer409()
    {
        var uuid = await NewNodeAsync();
        await server.Store.Reservations.TryReserveAsync(uuid, "other-conductor", "deploying", DateTimeOffset.UtcNow);
        try
        {
            Assert.Equal(200, (await server.SendAsync(HttpMethod.Get, "/v1/drivers/fake-hardware/vendor_passthru?method=driver_echo")).Status);
        }
        finally
        {
            await server.Store.Reservations.ReleaseAsync(uuid, "other-conductor");
        }
    }

    [Fact]
    public async Task DriverWithoutVendorMethods_ListsNone_AndUnknownDriverIs404()
    {
        var none = await server.GetAsync("/v1/drivers/manual-management/vendor_passthru/methods");
        var unknown = await server.GetAsync("/v1/drivers/nosuch/vendor_passthru/methods");

        Assert.Equal("{}", none.Json.ToJsonString());
        Assert.Equal(404, unknown.Status);
    }
}
