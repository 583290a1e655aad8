using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>A value that must be a MAC address is not one (HTTP 400).</summary>
public class InvalidMac(string field, string value) : IronicException($"Expected valid MAC address for {field}: {value}", 400);
