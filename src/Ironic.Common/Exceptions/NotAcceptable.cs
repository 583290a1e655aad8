using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The request cannot be served at the requested API version (HTTP 406).</summary>
public class NotAcceptable(string message) : IronicException(message, 406);
