using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>Management of a node through its BMC: boot device, sensors, NMI.</summary>
public abstract class ManagementInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Management;

    /// <summary>The boot devices <see cref="SetBootDeviceAsync"/> accepts, from <see cref="BootDevice"/>.</summary>
    public abstract IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task);

    /// <summary>Sets the device to boot from next (or always, when <paramref name="persistent"/>).</summary>
    public abstract Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct);

    /// <summary>The current boot device, or nulls when the BMC cannot tell.</summary>
    public abstract Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct);

    /// <summary>
    /// Sensor readings grouped by sensor type then sensor id:
    /// <c>{"Temperature": {"CPU Temp (0x1)": {"Sensor Reading": "45 (+/- 0) degrees C", ...}}}</c>.
    /// </summary>
    public virtual Task<JsonObject> GetSensorsDataAsync(ITaskContext task, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support get_sensors_data (disabled or not implemented).");

    /// <summary>Injects a non-maskable interrupt.</summary>
    public virtual Task InjectNmiAsync(ITaskContext task, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support inject_nmi (disabled or not implemented).");
}
