using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// Network boot over TFTP (Ironic's <c>pxe</c>): PXELINUX configuration for BIOS nodes, GRUB for UEFI
/// ones, under <c>[pxe] tftp_root</c>.
/// </summary>
[HardwareInterface(Name)]
public sealed class PxeBoot : BootInterface
{
    public const string Name = "pxe";

    private readonly NetworkBoot boot;

    public PxeBoot(IDriverServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        boot = new NetworkBoot(PxeOptions.Read(services), ipxe: false, services.LoggerFactory.CreateLogger<PxeBoot>());
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => PxeProperties.All;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => boot.ValidateAsync(task, ct);

    public override Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct) =>
        boot.PrepareRamdiskAsync(task, ramdiskParams, ct);

    public override Task CleanUpRamdiskAsync(ITaskContext task, CancellationToken ct)
    {
        boot.RemoveFiles(task);
        return Task.CompletedTask;
    }

    public override Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct) => boot.PrepareInstanceAsync(task, ct);

    public override Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct) => boot.CleanUpInstanceAsync(task, ct);
}
