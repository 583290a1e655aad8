namespace Ironic.Drivers.Fake;

/// <summary>
/// Hardware whose power and boot order an operator handles by hand (Ironic's
/// <c>manual-management</c>): the no-op management interface assumes the boot order is already
/// PXE first, then disk.
/// </summary>
[HardwareType("manual-management")]
public sealed class ManualManagementHardware : GenericHardware
{
    public override IReadOnlyList<string> SupportedManagementInterfaces => ["noop", "fake"];

    // Ironic lists "agent" power first; it arrives with the agent deploy, until then only "fake" exists.
    public override IReadOnlyList<string> SupportedPowerInterfaces => ["fake"];

    public override IReadOnlyList<string> SupportedVendorInterfaces => ["no-vendor"];

    // "fake" comes last so this type stays usable where the Ironic.Drivers.Pxe plugin (ipxe, pxe,
    // ramdisk) is not loaded, e.g. a host with only this plugin; "direct" needs the agent, not built yet.
    public override IReadOnlyList<string> SupportedBootInterfaces => [.. base.SupportedBootInterfaces, "fake"];

    public override IReadOnlyList<string> SupportedDeployInterfaces => [.. base.SupportedDeployInterfaces, "fake"];
}
