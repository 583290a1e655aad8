namespace Ironic.Drivers.Ipmi;

/// <summary>The BMC's sensor listing could not be understood (Ironic's <c>FailedToParseSensorData</c>, HTTP 500).</summary>
internal sealed class FailedToParseSensorData(string node, string error)
    : IronicException($"Failed to parse sensor data for node {node}. Error: {error}", 500);
