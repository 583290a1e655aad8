using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The request is invalid (HTTP 400).</summary>
public class Invalid(string message) : IronicException(message, 400);
