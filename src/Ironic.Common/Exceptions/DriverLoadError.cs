using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>A driver or interface failed to load (HTTP 500).</summary>
public class DriverLoadError(string driver, string reason) : IronicException($"Driver, hardware type or interface {driver} could not be loaded. Reason: {reason}.", 500);
