namespace Ironic.Drivers;

/// <summary>Boot modes as Ironic names them (node <c>boot_mode</c>, <c>PUT .../states/boot_mode</c>).</summary>
public static class BootMode
{
    public const string Uefi = "uefi";
    public const string Bios = "bios";

    public static readonly IReadOnlyList<string> All = [Uefi, Bios];
}
