using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Management through ipmitool (Ironic's <c>IPMIManagement</c>): boot device set and read, with the raw
/// UEFI boot flags when the node boots in UEFI mode; sensors from <c>sdr -v</c>; NMI by <c>power diag</c>.
/// Boot mode and secure boot are not offered, as in Ironic.
/// </summary>
[HardwareInterface("ipmitool")]
public sealed partial class IpmitoolManagement : ManagementInterface
{
    // The boot device selector of "Set System Boot Options", parameter 5, data 2 (IPMI 2.0, 28.13).
    private static readonly Dictionary<string, string> BootDeviceCodes = new()
    {
        [BootDevice.Pxe] = "0x04",
        [BootDevice.Disk] = "0x08",
        [BootDevice.Cdrom] = "0x14",
        [BootDevice.Bios] = "0x18",
        [BootDevice.Safe] = "0x0c",
    };

    private readonly IpmiContext ipmi;

    public IpmitoolManagement(IDriverServices services)
    {
        ipmi = new IpmiContext(services, typeof(IpmitoolManagement).FullName!);
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => IpmiProperties.Common;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        IpmiDriverInfo.Parse(task.Node);
        return Task.CompletedTask;
    }

    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [.. BootDeviceCodes.Keys];

    public override async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        if (!BootDeviceCodes.ContainsKey(device))
        {
            throw new InvalidParameterValue($"Invalid boot device {device} specified.");
        }

        var info = IpmiDriverInfo.Parse(task.Node);

        // Without this the BMC drops the boot device after 60 seconds (IPMI 2.0, boot option parameter 3).
        if (info.DisableBootTimeout ?? ipmi.Options.DisableBootTimeout)
        {
            await ipmi.Ipmitool.ExecuteAsync(info, "raw 0x00 0x08 0x03 0x08", ct).ConfigureAwait(false);
        }

        if (info.ForceBootDevice)
        {
            // Ironic remembers the device and sets it again before each power on (IpmitoolPower), so the
            // BMC itself only ever gets a one-time setting.
            var internalInfo = task.Node.DriverInternalInfo;
            if (persistent)
            {
                internalInfo.Remove("is_next_boot_persistent");
                internalInfo["persistent_boot_device"] = device;
            }
            else
            {
                internalInfo["is_next_boot_persistent"] = false;
            }

            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            persistent = false;
        }

        if (BootMode.Resolve(task.Node, ipmi.Options.DefaultBootMode) == BootMode.Uefi)
        {
            // UEFI came after the last IPMI revision: only the raw flags (0xe0 persistent, 0xa0 once, both
            // with the EFI bit) tell every BMC; ipmitool's "options=efiboot" does not combine with persistent.
            var code = BootDeviceCodes[device];
            if (device == BootDevice.Disk && IpmiDriverInfo.Text(task.Node.Properties, "vendor")?.ToLowerInvariant() == "supermicro")
            {
                code = "0x24";
            }

            await ipmi.Ipmitool.ExecuteAsync(info, $"raw 0x00 0x08 0x05 {(persistent ? "0xe0" : "0xa0")} {code} 0x00 0x00 0x00", ct)
                .ConfigureAwait(false);
            return;
        }

        var command = $"chassis bootdev {device}{(persistent ? " options=persistent" : "")}";
        await ipmi.Ipmitool.ExecuteAsync(info, command, ct).ConfigureAwait(false);
    }

    public override async Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        var internalInfo = task.Node.DriverInternalInfo;
        if (info.ForceBootDevice
            && IpmiDriverInfo.Text(internalInfo, "persistent_boot_device") is { Length: > 0 } remembered
            && (IpmiDriverInfo.Flag(internalInfo, "is_next_boot_persistent") ?? true))
        {
            return new BootDeviceInfo(remembered, true);
        }

        var output = await ipmi.Ipmitool.ExecuteAsync(info, "chassis bootparam get 5", ct).ConfigureAwait(false);
        string? device = null;
        if (BootSelector().Match(output) is { Success: true } match)
        {
            var selector = match.Groups[1].Value;
            device = selector switch
            {
                _ when selector.Contains("PXE", StringComparison.Ordinal) => BootDevice.Pxe,
                _ when selector.Contains("Hard-Drive", StringComparison.Ordinal) =>
                    selector.Contains("Safe-Mode", StringComparison.Ordinal) ? BootDevice.Safe : BootDevice.Disk,
                _ when selector.Contains("BIOS", StringComparison.Ordinal) => BootDevice.Bios,
                _ when selector.Contains("CD/DVD", StringComparison.Ordinal) => BootDevice.Cdrom,
                _ => null,
            };
        }

        return new BootDeviceInfo(device, output.Contains("Options apply to all future boots", StringComparison.Ordinal));
    }

    public override async Task<JsonObject> GetSensorsDataAsync(ITaskContext task, CancellationToken ct)
    {
        var info = IpmiDriverInfo.Parse(task.Node);
        string output;
        try
        {
            // -v lists every field of every sensor, thresholds included.
            output = await ipmi.Ipmitool.ExecuteAsync(info, "sdr -v", ct).ConfigureAwait(false);
        }
        catch (IpmiFailure e)
        {
            throw new FailedToGetSensorData(task.Node.Uuid, e.Message);
        }

        return SensorData.Parse(task.Node.Uuid, output);
    }

    public override async Task InjectNmiAsync(ITaskContext task, CancellationToken ct) =>
        await ipmi.Ipmitool.ExecuteAsync(IpmiDriverInfo.Parse(task.Node), "power diag", ct).ConfigureAwait(false);

    [GeneratedRegex(@"Boot Device Selector : (.+)?\n")]
    private static partial Regex BootSelector();
}
