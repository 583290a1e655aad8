using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// Management without a BMC (Ironic's fake management). Unlike Ironic's, which always answers
/// pxe/not persistent, it remembers the boot device it was given in <c>driver_internal_info</c>
/// so a client sees its own change.
/// </summary>
[HardwareInterface("fake")]
public sealed class FakeManagement : ManagementInterface
{
    public const string BootDeviceKey = "fake_boot_device";
    public const string PersistentKey = "fake_boot_device_persistent";
    public const string BootModeKey = "fake_boot_mode";
    public const string SecureBootKey = "fake_secure_boot";

    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [BootDevice.Pxe];

    public override async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        if (!GetSupportedBootDevices(task).Contains(device))
        {
            throw new InvalidParameterValue($"Invalid boot device {device} specified.");
        }

        // The node keeps the fake's state; saving here keeps it even if a caller does not save afterwards.
        task.Node.DriverInternalInfo[BootDeviceKey] = device;
        task.Node.DriverInternalInfo[PersistentKey] = persistent;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public override Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct)
    {
        var info = task.Node.DriverInternalInfo;
        var device = info[BootDeviceKey]?.GetValue<string>() ?? BootDevice.Pxe;
        var persistent = info[PersistentKey]?.GetValue<bool>() ?? false;
        return Task.FromResult(new BootDeviceInfo(device, persistent));
    }

    public override IReadOnlyList<string> GetSupportedBootModes(ITaskContext task) => BootMode.All;

    /// <summary>The mode last set, else the node's <c>properties/capabilities</c> boot_mode, else uefi (Ironic's default).</summary>
    public override Task<string?> GetBootModeAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult<string?>(task.Node.DriverInternalInfo[BootModeKey]?.GetValue<string>() ?? BootMode.Uefi);

    public override async Task SetBootModeAsync(ITaskContext task, string mode, CancellationToken ct)
    {
        if (!BootMode.All.Contains(mode))
        {
            throw new InvalidParameterValue($"Invalid boot mode {mode} requested for node {task.Node.Uuid}.");
        }

        task.Node.DriverInternalInfo[BootModeKey] = mode;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public override Task<bool?> GetSecureBootStateAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult<bool?>(task.Node.DriverInternalInfo[SecureBootKey]?.GetValue<bool>() ?? false);

    /// <summary>As real firmware: secure boot needs UEFI.</summary>
    public override async Task SetSecureBootStateAsync(ITaskContext task, bool enabled, CancellationToken ct)
    {
        if (enabled && await GetBootModeAsync(task, ct).ConfigureAwait(false) != BootMode.Uefi)
        {
            throw new InvalidParameterValue($"Secure boot can only be enabled on node {task.Node.Uuid} in UEFI boot mode.");
        }

        task.Node.DriverInternalInfo[SecureBootKey] = enabled;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A fixed reading of one sensor of each common type, in the IPMI shape Ceilometer consumes.</summary>
    public override Task<JsonObject> GetSensorsDataAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(new JsonObject
        {
            ["Temperature"] = new JsonObject
            {
                ["CPU Temp (0x1)"] = Sensor("CPU Temp (0x1)", "3.1 (Processor)", "Temperature (0x01)", "45 (+/- 0) degrees C"),
                ["Inlet Temp (0x2)"] = Sensor("Inlet Temp (0x2)", "55.1 (Air Inlet)", "Temperature (0x01)", "23 (+/- 0) degrees C"),
            },
            ["Fan"] = new JsonObject
            {
                ["Fan1 (0x30)"] = Sensor("Fan1 (0x30)", "29.1 (Fan Device)", "Fan (0x04)", "4800 (+/- 75) RPM"),
            },
            ["Voltage"] = new JsonObject
            {
                ["12V (0x40)"] = Sensor("12V (0x40)", "7.1 (System Board)", "Voltage (0x02)", "12.096 (+/- 0) Volts"),
            },
            ["Current"] = new JsonObject
            {
                ["Pwr Consumption (0x50)"] = Sensor("Pwr Consumption (0x50)", "21.1 (Power Management)", "Current (0x03)", "154 (+/- 0) Watts"),
            },
        });

    /// <summary>Accepted and ignored: a fake node has no kernel to interrupt.</summary>
    public override Task InjectNmiAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    private static JsonObject Sensor(string id, string entity, string type, string reading) => new()
    {
        ["Sensor ID"] = id,
        ["Entity ID"] = entity,
        ["Sensor Type (Threshold)"] = type,
        ["Sensor Reading"] = reading,
        ["Status"] = "ok",
    };
}
