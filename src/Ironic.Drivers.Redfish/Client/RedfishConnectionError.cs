namespace Ironic.Drivers.Redfish;

/// <summary>The BMC could not be reached, or kept failing, after every attempt (Ironic's <c>RedfishConnectionError</c>).</summary>
internal sealed class RedfishConnectionError(string node, string error, Exception? inner = null)
    : IronicException($"Redfish connection failed for node {node}: {error}", 500, inner);
