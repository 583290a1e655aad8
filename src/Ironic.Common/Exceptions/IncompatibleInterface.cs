using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The implementation exists but the node's hardware type does not support it (HTTP 400).</summary>
public class IncompatibleInterface(string kind, string name, string hardwareType) : IronicException($"{kind} interface implementation '{name}' is not supported by hardware type {hardwareType}.", 400);
