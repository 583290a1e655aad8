using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>No portgroup with the given UUID or name exists (HTTP 404).</summary>
public class PortgroupNotFound(string portgroup) : IronicException($"Portgroup {portgroup} could not be found.", 404);
