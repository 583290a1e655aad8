namespace Ironic.Drivers.Fake;

/// <summary>
/// Management for hardware without a usable BMC (Ironic's <c>noop</c> management): the operator has
/// set the boot order to PXE first, then disk, so setting a supported device is accepted and ignored
/// and the reported device is always PXE, persistently.
/// </summary>
[HardwareInterface("noop")]
public sealed class NoopManagement : ManagementInterface
{
    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [BootDevice.Pxe, BootDevice.Disk];

    public override Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        var supported = GetSupportedBootDevices(task);
        return supported.Contains(device)
            ? Task.CompletedTask
            : throw new InvalidParameterValue($"Invalid boot device {device} specified, supported are {string.Join(", ", supported)}.");
    }

    public override Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(new BootDeviceInfo(BootDevice.Pxe, true));
}
