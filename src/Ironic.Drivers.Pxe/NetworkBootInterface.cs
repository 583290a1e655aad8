namespace Ironic.Drivers.Pxe;

/// <summary>
/// What <see cref="PxeBoot"/> and <see cref="IpxeBoot"/> share: both hand every boot operation to a
/// <see cref="NetworkBoot"/> that differs only in the files it writes.
/// </summary>
public abstract class NetworkBootInterface : BootInterface
{
    private readonly NetworkBoot boot;

    private protected NetworkBootInterface(NetworkBoot boot) => this.boot = boot;

    private protected NetworkBoot Boot => boot;

    private protected static IDriverServices Checked(IDriverServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services;
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
