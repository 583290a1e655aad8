namespace Ironic.Drivers.Redfish;

/// <summary>
/// Hardware managed through a Redfish BMC (Ironic's <c>redfish</c> hardware type). Boot and deploy
/// come from <see cref="GenericHardware"/>; virtual media boot and the redfish vendor and RAID
/// interfaces are not built, so their names are not listed.
/// </summary>
[HardwareType("redfish")]
public sealed class RedfishHardware : GenericHardware
{
    public override IReadOnlyList<string> SupportedBiosInterfaces => ["redfish", "no-bios"];

    public override IReadOnlyList<string> SupportedManagementInterfaces => ["redfish", "noop"];

    public override IReadOnlyList<string> SupportedPowerInterfaces => ["redfish"];

    public override IReadOnlyList<string> SupportedInspectInterfaces => ["redfish", "inspector", "no-inspect"];
}
