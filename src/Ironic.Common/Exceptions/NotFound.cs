using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>A resource was not found (HTTP 404).</summary>
public class NotFound(string message) : IronicException(message, 404);
