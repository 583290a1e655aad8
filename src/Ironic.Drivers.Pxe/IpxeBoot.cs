using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// Network boot with iPXE over HTTP (Ironic's <c>ipxe</c>): a per-node iPXE script under
/// <c>[deploy] http_root</c>, reached through the shared <c>boot.ipxe</c> at <c>[deploy] http_url</c>.
/// </summary>
[HardwareInterface(Name)]
public sealed class IpxeBoot : BootInterface
{
    public const string Name = "ipxe";

    private readonly NetworkBoot boot;

    /// <summary>Writes <c>boot.ipxe</c> at once, as Ironic does, so DHCP can hand it out before any deployment.</summary>
    public IpxeBoot(IDriverServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        boot = new NetworkBoot(PxeOptions.Read(services), ipxe: true, services.LoggerFactory.CreateLogger<IpxeBoot>());
        boot.EnsureIpxeBootScript();
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
