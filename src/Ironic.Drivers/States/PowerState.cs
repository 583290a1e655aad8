namespace Ironic.Drivers;

/// <summary>Ironic's power state names, exactly as clients see them.</summary>
public static class PowerState
{
    public const string On = "power on";
    public const string Off = "power off";
    public const string Rebooting = "rebooting";
    public const string SoftPowerOff = "soft power off";
    public const string SoftRebooting = "soft rebooting";
    public const string Error = "error";
}
