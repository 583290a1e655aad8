using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// Network boot over TFTP (Ironic's <c>pxe</c>): PXELINUX configuration for BIOS nodes, GRUB for UEFI
/// ones, under <c>[pxe] tftp_root</c>.
/// </summary>
[HardwareInterface(Name)]
public sealed class PxeBoot : NetworkBootInterface
{
    public const string Name = "pxe";

    public PxeBoot(IDriverServices services)
        : base(new NetworkBoot(PxeOptions.Read(Checked(services)), ipxe: false, services.LoggerFactory.CreateLogger<PxeBoot>()))
    {
    }
}
