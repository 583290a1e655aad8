using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Loading;

/// <summary>Reads and writes a node's <c>&lt;kind&gt;_interface</c> field by kind.</summary>
public static class NodeInterfaces
{
    public static string? Get(Node node, string kind) => kind switch
    {
        InterfaceKind.Bios => node.BiosInterface,
        InterfaceKind.Boot => node.BootInterface,
        InterfaceKind.Console => node.ConsoleInterface,
        InterfaceKind.Deploy => node.DeployInterface,
        InterfaceKind.Inspect => node.InspectInterface,
        InterfaceKind.Management => node.ManagementInterface,
        InterfaceKind.Network => node.NetworkInterface,
        InterfaceKind.Power => node.PowerInterface,
        InterfaceKind.Raid => node.RaidInterface,
        InterfaceKind.Rescue => node.RescueInterface,
        InterfaceKind.Storage => node.StorageInterface,
        InterfaceKind.Vendor => node.VendorInterface,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static void Set(Node node, string kind, string? value)
    {
        switch (kind)
        {
            case InterfaceKind.Bios: node.BiosInterface = value; break;
            case InterfaceKind.Boot: node.BootInterface = value; break;
            case InterfaceKind.Console: node.ConsoleInterface = value; break;
            case InterfaceKind.Deploy: node.DeployInterface = value; break;
            case InterfaceKind.Inspect: node.InspectInterface = value; break;
            case InterfaceKind.Management: node.ManagementInterface = value; break;
            case InterfaceKind.Network: node.NetworkInterface = value; break;
            case InterfaceKind.Power: node.PowerInterface = value; break;
            case InterfaceKind.Raid: node.RaidInterface = value; break;
            case InterfaceKind.Rescue: node.RescueInterface = value; break;
            case InterfaceKind.Storage: node.StorageInterface = value; break;
            case InterfaceKind.Vendor: node.VendorInterface = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
