namespace Ironic.Drivers;

/// <summary>A temporary failure; the client may retry later (HTTP 503).</summary>
public class TemporaryFailure(string message) : IronicException(message, 503);
