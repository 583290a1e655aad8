namespace Ironic.Drivers;

/// <summary>A parameter has an invalid value (HTTP 400).</summary>
public class InvalidParameterValue(string message) : IronicException(message, 400);
