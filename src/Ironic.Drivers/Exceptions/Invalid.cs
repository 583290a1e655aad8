namespace Ironic.Drivers;

/// <summary>The request is invalid (HTTP 400).</summary>
public class Invalid(string message) : IronicException(message, 400);
