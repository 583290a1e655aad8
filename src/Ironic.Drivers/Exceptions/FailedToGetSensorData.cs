namespace Ironic.Drivers;

/// <summary>The BMC's sensor data could not be read (HTTP 500).</summary>
public class FailedToGetSensorData(string node, string error) : IronicException($"Failed to get sensor data for node {node}. Error: {error}", 500);
