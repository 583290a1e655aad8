using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The node name is already taken (HTTP 409).</summary>
public class DuplicateName(string name) : IronicException($"A node with name {name} already exists.", 409);
