namespace Ironic.Drivers;

/// <summary>
/// The usual implementations most hardware shares (Ironic's <c>GenericHardware</c>): a new hardware
/// type derives from it and lists only its own power and management interfaces.
/// Names that no loaded plugin provides are simply never chosen.
/// </summary>
public abstract class GenericHardware : HardwareType
{
    public override IReadOnlyList<string> SupportedBootInterfaces => ["ipxe", "pxe"];

    public override IReadOnlyList<string> SupportedDeployInterfaces => ["direct", "ansible", "ramdisk", "custom-agent"];

    // Ironic prefers agent (in-band) inspection; listed after no-inspect here so that enabling it, as this
    // build does by default, does not make every generic node boot a ramdisk when inspected.
    public override IReadOnlyList<string> SupportedInspectInterfaces => ["inspector", "no-inspect", "agent"];

    public override IReadOnlyList<string> SupportedNetworkInterfaces => ["flat", "neutron", "noop"];

    public override IReadOnlyList<string> SupportedRaidInterfaces => ["no-raid", "agent"];

    public override IReadOnlyList<string> SupportedRescueInterfaces => ["no-rescue", "agent"];

    public override IReadOnlyList<string> SupportedStorageInterfaces => ["noop", "cinder", "external"];
}
