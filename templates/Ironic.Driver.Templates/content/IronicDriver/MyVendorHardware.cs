using Ironic.Drivers;

namespace MyDriver;

/// <summary>
/// The hardware type operators enable (<c>enabled_hardware_types = my-driver</c>) and give nodes
/// (<c>--driver my-driver</c>). It does no work itself: for each interface kind it lists the implementations
/// it supports, most preferred first. Power and management are this plugin's; every other kind comes from
/// <see cref="GenericHardware"/>.
/// </summary>
[HardwareType("my-driver")]
public sealed class MyVendorHardware : GenericHardware
{
    public override IReadOnlyList<string> SupportedPowerInterfaces => ["my-driver"];

    public override IReadOnlyList<string> SupportedManagementInterfaces => ["my-driver"];

    // GenericHardware's boot (ipxe, pxe) and deploy (direct, ramdisk, ...) first; "fake" last lets the plugin be
    // tried on a host where none of those is set up (a node then needs --boot-interface fake --deploy-interface fake).
    public override IReadOnlyList<string> SupportedBootInterfaces => [.. base.SupportedBootInterfaces, "fake"];

    public override IReadOnlyList<string> SupportedDeployInterfaces => [.. base.SupportedDeployInterfaces, "fake"];
}
