using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>An interface name that no enabled implementation has (HTTP 400).</summary>
public class InterfaceNotFoundInEntrypoint(string kind, string name, IEnumerable<string> valid) : IronicException($"Could not find the following interface in the 'ironic.hardware.interfaces.{kind}' entrypoint: {name}. Valid interfaces are [{string.Join(", ", valid.Select(v => $"'{v}'"))}].", 400);
