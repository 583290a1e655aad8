namespace Ironic.Drivers;

/// <summary>
/// Exposes a <see cref="VendorInterface"/> method at <c>/v1/drivers/{driver}/vendor_passthru?method=NAME</c>,
/// independent of any node: no lock is taken. The method has the shape
/// <c>Task[&lt;T&gt;] Name(IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct)</c>;
/// keep it short-lived.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class DriverPassthruAttribute(params string[] httpMethods) : Attribute
{
    public IReadOnlyList<string> HttpMethods { get; } = httpMethods;

    public string? Method { get; init; }

    public string Description { get; init; } = "";

    public bool Async { get; init; } = true;

    public bool Attach { get; init; }
}
