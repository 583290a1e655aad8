using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>Console information was asked for while the console is off (HTTP 400).</summary>
public class NodeConsoleNotEnabled(string node) : IronicException($"Console access is not enabled on node {node}", 400);
