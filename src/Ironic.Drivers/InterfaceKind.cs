namespace Ironic.Drivers;

/// <summary>The hardware interface kinds a driver is composed of, named as in Ironic's node fields (<c>power_interface</c>, ...).</summary>
public static class InterfaceKind
{
    public const string Bios = "bios";
    public const string Boot = "boot";
    public const string Console = "console";
    public const string Deploy = "deploy";
    public const string Inspect = "inspect";
    public const string Management = "management";
    public const string Network = "network";
    public const string Power = "power";
    public const string Raid = "raid";
    public const string Rescue = "rescue";
    public const string Storage = "storage";
    public const string Vendor = "vendor";

    /// <summary>Every kind, in the order Ironic lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Bios, Boot, Console, Deploy, Inspect, Management, Network, Power, Raid, Rescue, Storage, Vendor];

    /// <summary>The node field holding the kind's implementation name, e.g. <c>power_interface</c>.</summary>
    public static string FieldName(string kind) => kind + "_interface";
}
