using Ironic.Drivers;

namespace MyVendor.BareMetal;

/// <summary>
/// Boot device selection through a pretend BMC whose state is kept in the node's
/// driver_internal_info: PXE or disk.
/// </summary>
[HardwareInterface("my-management")]
public sealed class MyManagement : ManagementInterface
{
    private const string BootDeviceKey = "my_boot_device";
    private const string PersistentKey = "my_boot_device_persistent";

    public override IReadOnlyDictionary<string, string> GetProperties() => MyDriverInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        MyDriverInfo.Validate(task.Node);
        return Task.CompletedTask;
    }

    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [BootDevice.Pxe, BootDevice.Disk];

    public override async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        if (!GetSupportedBootDevices(task).Contains(device))
        {
            throw new InvalidParameterValue($"Invalid boot device {device} specified.");
        }

        task.Node.DriverInternalInfo[BootDeviceKey] = device;
        task.Node.DriverInternalInfo[PersistentKey] = persistent;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    // Until a device is set the pretend BMC cannot tell, which the contract expresses as nulls.
    public override Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct)
    {
        var info = task.Node.DriverInternalInfo;
        return Task.FromResult(new BootDeviceInfo(info[BootDeviceKey]?.GetValue<string>(), info[PersistentKey]?.GetValue<bool>()));
    }
}
