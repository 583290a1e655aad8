using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>No enabled implementation of a kind is supported by the hardware type (HTTP 400).</summary>
public class NoValidDefaultForInterface(string kind, string hardwareType, string? node = null) : IronicException($"For{(node is null ? "" : $" node {node} with")} hardware type '{hardwareType}', no default value found for {kind} interface could be determined. Please ensure the interfaces are enabled.", 400);
