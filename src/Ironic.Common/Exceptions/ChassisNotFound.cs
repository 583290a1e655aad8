using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>No chassis with the given UUID exists (HTTP 404).</summary>
public class ChassisNotFound(string chassis) : IronicException($"Chassis {chassis} could not be found.", 404);
