namespace Ironic.Drivers;

/// <summary>Another port already has this MAC address (HTTP 409).</summary>
public class MacAlreadyExists(string mac) : IronicException($"A port with MAC address {mac} already exists.", 409);
