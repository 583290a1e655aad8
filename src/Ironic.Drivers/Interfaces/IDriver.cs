namespace Ironic.Drivers;

/// <summary>A driver as built for one node: a hardware type plus one implementation of each interface kind.</summary>
public interface IDriver
{
    BiosInterface Bios { get; }
    BootInterface Boot { get; }
    ConsoleInterface Console { get; }
    DeployInterface Deploy { get; }
    InspectInterface Inspect { get; }
    ManagementInterface Management { get; }
    NetworkInterface Network { get; }
    PowerInterface Power { get; }
    RaidInterface Raid { get; }
    RescueInterface Rescue { get; }
    StorageInterface Storage { get; }
    VendorInterface Vendor { get; }

    /// <summary>The implementation of <paramref name="kind"/> (one of <see cref="InterfaceKind.All"/>).</summary>
    BaseInterface Get(string kind);
}
