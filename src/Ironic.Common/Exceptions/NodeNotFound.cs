using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>No node with the given UUID or name exists (HTTP 404).</summary>
public class NodeNotFound(string node) : IronicException($"Node {node} could not be found.", 404);
