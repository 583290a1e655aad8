namespace Ironic.Drivers;

/// <summary>
/// Exposes a <see cref="VendorInterface"/> method at <c>/v1/nodes/{node}/vendor_passthru?method=NAME</c>.
/// The method has the shape <c>Task[&lt;T&gt;] Name(ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class PassthruAttribute(params string[] httpMethods) : Attribute
{
    /// <summary>The HTTP methods accepted (POST, PUT, GET, PATCH, DELETE).</summary>
    public IReadOnlyList<string> HttpMethods { get; } = httpMethods;

    /// <summary>The public method name; by default the method's name in snake_case without "Async".</summary>
    public string? Method { get; init; }

    public string Description { get; init; } = "";

    /// <summary>True (the default): answer 202 at once and run on a conductor worker; false: answer 200 with the result.</summary>
    public bool Async { get; init; } = true;

    /// <summary>True: the return value (bytes or text) is sent as the raw response body.</summary>
    public bool Attach { get; init; }

    /// <summary>
    /// True (the default): the node's exclusive lock is held from validation until the method returns,
    /// on the conductor worker for an asynchronous method; false: a shared lock, so it runs beside other
    /// work on the node.
    /// </summary>
    public bool RequireExclusiveLock { get; init; } = true;
}
