namespace Ironic.Drivers.Redfish;

/// <summary>
/// The BMC refused or failed an operation (Ironic's <c>RedfishError</c>, HTTP 500).
/// <see cref="Status"/> is the BMC's HTTP status when it answered, else null.
/// </summary>
internal sealed class RedfishError(string error, int? status = null, Exception? inner = null)
    : IronicException($"Redfish exception occurred. Error: {error}", 500, inner)
{
    public int? Status { get; } = status;

    /// <summary>The BMC's error body, when it sent one (what a caller may retry on).</summary>
    public System.Text.Json.Nodes.JsonObject? Body { get; init; }
}
