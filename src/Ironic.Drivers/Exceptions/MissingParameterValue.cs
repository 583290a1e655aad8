namespace Ironic.Drivers;

/// <summary>A required parameter is missing (HTTP 400).</summary>
public class MissingParameterValue(string message) : IronicException(message, 400);
