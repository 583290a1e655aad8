using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// Network boot with iPXE over HTTP (Ironic's <c>ipxe</c>): a per-node iPXE script under
/// <c>[deploy] http_root</c>, reached through the shared <c>boot.ipxe</c> at <c>[deploy] http_url</c>.
/// </summary>
[HardwareInterface(Name)]
public sealed class IpxeBoot : NetworkBootInterface
{
    public const string Name = "ipxe";

    /// <summary>Writes <c>boot.ipxe</c> at once, as Ironic does, so DHCP can hand it out before any deployment.</summary>
    public IpxeBoot(IDriverServices services)
        : base(new NetworkBoot(PxeOptions.Read(Checked(services)), ipxe: true, services.LoggerFactory.CreateLogger<IpxeBoot>())) =>
        Boot.EnsureIpxeBootScript();
}
