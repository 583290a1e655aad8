namespace Ironic.Drivers;

/// <summary>The BMC did not reach the requested power state (HTTP 409).</summary>
public class PowerStateFailure(string powerState, string? reason = null) : IronicException($"Failed to set node power state to {powerState}.{(reason is null ? "" : " " + reason)}", 409);
