namespace Ironic.Drivers.Fake;

/// <summary>
/// The testing hardware type (Ironic's <c>fake-hardware</c>): every kind prefers its <c>fake</c>
/// implementation. The lists only choose defaults; <see cref="AcceptsAnyInterface"/> lets a node
/// combine it with any enabled implementation, as Ironic's driver factory does for this type.
/// </summary>
[HardwareType("fake-hardware")]
public sealed class FakeHardware : GenericHardware
{
    private const string Fake = "fake";

    public override IReadOnlyList<string> SupportedBiosInterfaces => [Fake, .. base.SupportedBiosInterfaces];

    public override IReadOnlyList<string> SupportedBootInterfaces => [Fake, .. base.SupportedBootInterfaces];

    public override IReadOnlyList<string> SupportedConsoleInterfaces => [Fake, .. base.SupportedConsoleInterfaces];

    public override IReadOnlyList<string> SupportedDeployInterfaces => [Fake, .. base.SupportedDeployInterfaces];

    public override IReadOnlyList<string> SupportedInspectInterfaces => [Fake, .. base.SupportedInspectInterfaces];

    // No BMC behind a fake node, so nothing but the fakes can drive its power and management.
    public override IReadOnlyList<string> SupportedManagementInterfaces => [Fake];

    public override IReadOnlyList<string> SupportedPowerInterfaces => [Fake];

    // Network is not overridden: there is no fake network, GenericHardware's flat/neutron/noop apply.
    public override IReadOnlyList<string> SupportedRaidInterfaces => [Fake, .. base.SupportedRaidInterfaces];

    public override IReadOnlyList<string> SupportedRescueInterfaces => [Fake, .. base.SupportedRescueInterfaces];

    public override IReadOnlyList<string> SupportedStorageInterfaces => [Fake, .. base.SupportedStorageInterfaces];

    public override IReadOnlyList<string> SupportedVendorInterfaces => [Fake, .. base.SupportedVendorInterfaces];

    public override bool AcceptsAnyInterface => true;
}
