namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Ironic's <c>ipmi</c> hardware type: power, management and vendor methods through the
/// <c>ipmitool</c> command. Boot, deploy and the rest come from <see cref="GenericHardware"/>;
/// console implementations are listed as Ironic lists them and chosen only where a plugin provides one.
/// </summary>
[HardwareType("ipmi")]
public sealed class IpmiHardware : GenericHardware
{
    public override IReadOnlyList<string> SupportedManagementInterfaces => ["ipmitool", "noop"];

    public override IReadOnlyList<string> SupportedPowerInterfaces => ["ipmitool"];

    public override IReadOnlyList<string> SupportedVendorInterfaces => ["ipmitool", "no-vendor"];

    public override IReadOnlyList<string> SupportedConsoleInterfaces => ["ipmitool-socat", "ipmitool-shellinabox", "no-console"];
}
