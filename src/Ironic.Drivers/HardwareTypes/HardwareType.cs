namespace Ironic.Drivers;

/// <summary>
/// A family of hardware (Ironic's <c>AbstractHardwareType</c>): for each interface kind, the names of
/// the implementations it supports, most preferred first. Boot, deploy, management and power have no
/// sensible default; the other kinds default to their no-op implementations.
/// </summary>
public abstract class HardwareType
{
    public virtual IReadOnlyList<string> SupportedBiosInterfaces => ["no-bios"];

    public abstract IReadOnlyList<string> SupportedBootInterfaces { get; }

    public virtual IReadOnlyList<string> SupportedConsoleInterfaces => ["no-console"];

    public abstract IReadOnlyList<string> SupportedDeployInterfaces { get; }

    public virtual IReadOnlyList<string> SupportedInspectInterfaces => ["no-inspect"];

    public abstract IReadOnlyList<string> SupportedManagementInterfaces { get; }

    public virtual IReadOnlyList<string> SupportedNetworkInterfaces => ["noop"];

    public abstract IReadOnlyList<string> SupportedPowerInterfaces { get; }

    public virtual IReadOnlyList<string> SupportedRaidInterfaces => ["no-raid"];

    public virtual IReadOnlyList<string> SupportedRescueInterfaces => ["no-rescue"];

    public virtual IReadOnlyList<string> SupportedStorageInterfaces => ["noop"];

    public virtual IReadOnlyList<string> SupportedVendorInterfaces => ["no-vendor"];

    /// <summary>
    /// True for a testing hardware type that accepts any enabled implementation, not only the listed
    /// ones (Ironic special-cases <c>fake-hardware</c> the same way).
    /// </summary>
    public virtual bool AcceptsAnyInterface => false;

    /// <summary>The supported implementation names of <paramref name="kind"/>, most preferred first.</summary>
    public IReadOnlyList<string> Supported(string kind) => kind switch
    {
        InterfaceKind.Bios => SupportedBiosInterfaces,
        InterfaceKind.Boot => SupportedBootInterfaces,
        InterfaceKind.Console => SupportedConsoleInterfaces,
        InterfaceKind.Deploy => SupportedDeployInterfaces,
        InterfaceKind.Inspect => SupportedInspectInterfaces,
        InterfaceKind.Management => SupportedManagementInterfaces,
        InterfaceKind.Network => SupportedNetworkInterfaces,
        InterfaceKind.Power => SupportedPowerInterfaces,
        InterfaceKind.Raid => SupportedRaidInterfaces,
        InterfaceKind.Rescue => SupportedRescueInterfaces,
        InterfaceKind.Storage => SupportedStorageInterfaces,
        InterfaceKind.Vendor => SupportedVendorInterfaces,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown interface kind."),
    };
}
