using System.Text;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// The fake vendor interface, with the methods Ironic's fake offers under the same names (so
/// operators' scripts keep working) plus a few of ours that exercise every passthru option.
/// </summary>
[HardwareInterface("fake")]
public sealed class FakeVendor : VendorInterface
{
    private static readonly string[] NeedBar = ["second_method", "third_method_sync", "fourth_method_shared_lock"];

    public override IReadOnlyDictionary<string, string> GetProperties() => new Dictionary<string, string>
    {
        ["B1"] = "B1 description. Required.",
        ["B2"] = "B2 description. Required.",
    };

    public override Task ValidateAsync(ITaskContext task, string method, JsonObject args, CancellationToken ct)
    {
        if (NeedBar.Contains(method) && string.IsNullOrEmpty(args["bar"]?.ToString()))
        {
            throw new MissingParameterValue($"Parameter 'bar' not passed to method '{method}'.");
        }

        if (method == "slow_method" && !(args["seconds"] is JsonValue v && v.TryGetValue<double>(out var s) && s is >= 0 and <= 30))
        {
            throw new InvalidParameterValue("Parameter 'seconds' of method 'slow_method' must be a number from 0 to 30.");
        }

        return Task.CompletedTask;
    }

    public override Task DriverValidateAsync(string method, JsonObject args, CancellationToken ct) =>
        method == "fail_validation" ? throw new InvalidParameterValue("fail_validation always fails validation.") : Task.CompletedTask;

    [Passthru("POST", Description = "Test if the value of bar is kazoo")]
    public Task<bool> SecondMethod(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(args["bar"]?.ToString() == "kazoo");

    [Passthru("POST", Async = false, Description = "Test if the value of bar is meow")]
    public Task<bool> ThirdMethodSync(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(args["bar"]?.ToString() == "meow");

    [Passthru("POST", RequireExclusiveLock = false, Description = "Test if the value of bar is woof")]
    public Task<bool> FourthMethodSharedLock(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(args["bar"]?.ToString() == "woof");

    // Ours: echoes the call (sync, any HTTP method), so tests see what the method received.
    [Passthru("GET", "POST", "PUT", "PATCH", "DELETE", Async = false, RequireExclusiveLock = false,
        Description = "Return the HTTP method and arguments of the call")]
    public Task<JsonObject> Echo(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(new JsonObject { ["node"] = task.Node.Uuid, ["http_method"] = httpMethod, ["args"] = args.DeepClone(), ["shared"] = task.Shared });

    // Ours: the raw-body (attach) case, returned as the response body itself.
    [Passthru("GET", Async = false, Attach = true, RequireExclusiveLock = false, Description = "Return a fake console log as a raw attachment")]
    public Task<byte[]> ConsoleLog(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(Encoding.UTF8.GetBytes($"fake console log of node {task.Node.Uuid}\n"));

    // Ours: occupies a worker for a while (as Ironic's [fake] vendor_delay), to exercise a full pool.
    [Passthru("POST", Description = "Sleep for 'seconds' (0-30) on a conductor worker")]
    public async Task SlowMethod(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        await Task.Delay(TimeSpan.FromSeconds(args["seconds"]!.GetValue<double>()), ct).ConfigureAwait(false);

    // Ours: an asynchronous failure, which the conductor records in the node's last_error.
    [Passthru("POST", Description = "Fail on the worker, to show where asynchronous errors go")]
    public Task FailingMethod(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        throw new IronicException($"failing_method failed on node {task.Node.Uuid}, as it always does.");

    [DriverPassthru("GET", "POST", Async = false, Description = "Return the driver's name and the call's HTTP method and arguments")]
    public Task<JsonObject> DriverEcho(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct) =>
        Task.FromResult(new JsonObject { ["driver"] = context.DriverName, ["http_method"] = httpMethod, ["args"] = args.DeepClone() });

    [DriverPassthru("POST", Method = "driver_async", Description = "Accept work for the driver, asynchronously")]
    public Task DriverAsyncMethod(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct) => Task.CompletedTask;

    [DriverPassthru("POST", Async = false, Description = "Never called: validation refuses it")]
    public Task FailValidation(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct) => Task.CompletedTask;
}
