using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>What network boot asks of the node's management interface: boot mode, secure boot, boot device.</summary>
internal static partial class BootManagement
{
    /// <summary>
    /// Ironic's <c>sync_boot_mode</c>: a boot mode the node asks for is set on the BMC when it differs;
    /// otherwise the BMC's current mode is recorded as the one to deploy in. A management interface that
    /// cannot tell or set boot modes is left alone (the configuration then follows the default).
    /// </summary>
    public static async Task SyncBootModeAsync(ITaskContext task, string defaultMode, CancellationToken ct)
    {
        var node = task.Node;
        var requested = BootMode.ForDeploy(node);
        try
        {
            var management = task.Driver.Management;
            var current = await management.GetBootModeAsync(task, ct).ConfigureAwait(false);
            if (requested is null && current is BootMode.Uefi or BootMode.Bios)
            {
                node.DriverInternalInfo["deploy_boot_mode"] = current;
                node.BootMode = current;
                return;
            }

            var wanted = requested ?? defaultMode;
            if (wanted != current)
            {
                // As Ironic's node_set_boot_mode: a mode the management interface cannot set is refused before asking the BMC.
                var supported = management.GetSupportedBootModes(task);
                if (!supported.Contains(wanted))
                {
                    throw new InvalidParameterValue(
                        $"Unsupported boot mode {wanted} specified for node {node.Uuid}. Supported boot modes are: {string.Join(", ", supported)}");
                }

                await management.SetBootModeAsync(task, wanted, ct).ConfigureAwait(false);
            }

            // The node's boot_mode field shows what the BMC was last known to boot in.
            node.BootMode = wanted;
        }
        catch (UnsupportedDriverExtension)
        {
            // Nothing to sync with; the node boots in whatever mode its firmware is in.
        }
    }

    /// <summary>Turns secure boot on (or back off) when instance_info capabilities ask for it.</summary>
    public static async Task ConfigureSecureBootAsync(ITaskContext task, bool enable, ILogger logger, CancellationToken ct)
    {
        var requested = NodeCapabilities.FromInstanceInfo(task.Node).GetValueOrDefault("secure_boot");
        if (!string.Equals(requested, "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            await task.Driver.Management.SetSecureBootStateAsync(task, enable, ct).ConfigureAwait(false);
        }
        catch (UnsupportedDriverExtension)
        {
            LogSecureBootUnsupported(logger, task.Node.Uuid, task.Node.ManagementInterface ?? "");
        }
    }

    /// <summary>
    /// Sets the boot device, honouring driver_info <c>force_persistent_boot_device</c>
    /// (<c>Always</c>/<c>Never</c>; <c>Default</c> or unset keeps the caller's choice).
    /// </summary>
    public static async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        var force = JsonFields.String(task.Node.DriverInfo, "force_persistent_boot_device");
        persistent = force?.ToLowerInvariant() switch
        {
            "always" or "true" => true,
            "never" or "false" => false,
            _ => persistent,
        };
        await task.Driver.Management.SetBootDeviceAsync(task, device, persistent, ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Secure boot was requested for node {Node} but its management interface {Interface} does not support it")]
    private static partial void LogSecureBootUnsupported(ILogger logger, string node, string @interface);
}
