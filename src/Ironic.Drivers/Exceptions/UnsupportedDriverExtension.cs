namespace Ironic.Drivers;

/// <summary>The driver does not support the requested extension (HTTP 400).</summary>
public class UnsupportedDriverExtension(string message) : IronicException(message, 400);
