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

    // "fake" is appended only because ipxe/pxe boot and direct/ramdisk deploy are not implemented
    // yet: without it no node of this type could be enrolled. Remove it when those interfaces land.
    public override IReadOnlyList<string> SupportedBootInterfaces => [.. base.SupportedBootInterfaces, "fake"];

    public override IReadOnlyList<string> SupportedDeployInterfaces => [.. base.SupportedDeployInterfaces, "fake"];
}
