using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The node is protected against destructive operations (HTTP 403).</summary>
public class NodeProtected(string node) : IronicException($"Node {node} is protected and cannot be undeployed, rebuilt or deleted", 403);
