using Ironic.Drivers;

namespace MyVendor.BareMetal;

/// <summary>
/// Hardware driven through a pretend BMC. Power, management and vendor are its own; every other kind
/// comes from <see cref="GenericHardware"/>. Each list is most preferred first, and names that no
/// loaded plugin provides are never chosen.
/// </summary>
[HardwareType("my-hardware")]
public sealed class MyHardware : GenericHardware
{
    public override IReadOnlyList<string> SupportedManagementInterfaces => ["my-management", "ipmitool"];

    public override IReadOnlyList<string> SupportedPowerInterfaces => ["my-power", "ipmitool"];

    // The vendor passthru methods; "no-vendor" keeps the type usable where example-vendor is not enabled.
    public override IReadOnlyList<string> SupportedVendorInterfaces => ["example-vendor", "no-vendor"];

    // GenericHardware's boot (ipxe, pxe) and deploy (direct, ramdisk, ...) come first; "fake" last keeps
    // the type usable for trying the sample on a host where none of those is enabled (a node then
    // needs --boot-interface fake --deploy-interface fake, as pxe would ask for ports and images).
    public override IReadOnlyList<string> SupportedBootInterfaces => [.. base.SupportedBootInterfaces, "fake"];

    public override IReadOnlyList<string> SupportedDeployInterfaces => [.. base.SupportedDeployInterfaces, "fake"];
}
