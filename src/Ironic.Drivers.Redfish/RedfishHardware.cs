namespace Ironic.Drivers.Redfish;

/// <summary>
/// Hardware managed through a Redfish BMC (Ironic's <c>redfish</c> hardware type). Deploy comes from
/// <see cref="GenericHardware"/>; boot adds virtual media after the network boots (last, as Ironic: not every
/// BMC has it). The redfish vendor and RAID interfaces are not built, so their names are not listed.
/// </summary>
[HardwareType("redfish")]
public sealed class RedfishHardware : GenericHardware
{
    public override IReadOnlyList<string> SupportedBootInterfaces => [.. base.SupportedBootInterfaces, RedfishVirtualMediaBoot.Name];

    public override IReadOnlyList<string> SupportedBiosInterfaces => ["redfish", "no-bios"];

    public override IReadOnlyList<string> SupportedManagementInterfaces => ["redfish", "noop"];

    public override IReadOnlyList<string> SupportedPowerInterfaces => ["redfish"];

    public override IReadOnlyList<string> SupportedInspectInterfaces => ["redfish", "inspector", "no-inspect"];
}
