using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The request conflicts with the resource's current state (HTTP 409).</summary>
public class Conflict(string message) : IronicException(message, 409);
