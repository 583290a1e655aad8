namespace Ironic.Drivers;

/// <summary>A node's boot device as the BMC reports it; either value may be unknown (null).</summary>
public sealed record BootDeviceInfo(string? BootDevice, bool? Persistent);
