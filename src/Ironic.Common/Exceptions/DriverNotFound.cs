using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The driver or hardware type is not enabled (HTTP 404).</summary>
public class DriverNotFound(string driverName) : IronicException($"Could not find the following driver(s) or hardware type(s): {driverName}.", 404);
