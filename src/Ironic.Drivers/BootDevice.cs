namespace Ironic.Drivers;

/// <summary>Ironic's boot device names.</summary>
public static class BootDevice
{
    public const string Pxe = "pxe";
    public const string Disk = "disk";
    public const string Cdrom = "cdrom";
    public const string Bios = "bios";
    public const string Safe = "safe";
    public const string Wanboot = "wanboot";
    public const string Uefi = "uefi";
    public const string Floppy = "floppy";
    public const string UefiHttp = "uefi-http";
}
