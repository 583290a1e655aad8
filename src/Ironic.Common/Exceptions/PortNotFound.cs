using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>No port with the given UUID or address exists (HTTP 404).</summary>
public class PortNotFound(string port) : IronicException($"Port {port} could not be found.", 404);
