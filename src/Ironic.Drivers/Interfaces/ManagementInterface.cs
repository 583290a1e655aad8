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

    /// <summary>The boot modes <see cref="SetBootModeAsync"/> accepts, from <see cref="BootMode"/>.</summary>
    public virtual IReadOnlyList<string> GetSupportedBootModes(ITaskContext task) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support get_supported_boot_modes (disabled or not implemented).");

    /// <summary>The boot mode the node will boot in, or null when the BMC cannot tell.</summary>
    public virtual Task<string?> GetBootModeAsync(ITaskContext task, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support get_boot_mode (disabled or not implemented).");

    /// <summary>Sets the boot mode (<c>uefi</c> or <c>bios</c>) for the following boots.</summary>
    public virtual Task SetBootModeAsync(ITaskContext task, string mode, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support set_boot_mode (disabled or not implemented).");

    /// <summary>Whether UEFI secure boot is on, or null when the BMC cannot tell.</summary>
    public virtual Task<bool?> GetSecureBootStateAsync(ITaskContext task, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support get_secure_boot_state (disabled or not implemented).");

    /// <summary>Turns UEFI secure boot on or off.</summary>
    public virtual Task SetSecureBootStateAsync(ITaskContext task, bool enabled, CancellationToken ct) =>
        throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support set_secure_boot_state (disabled or not implemented).");
}
