using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Management through the ComputerSystem (Ironic's <c>redfish</c> management): the boot source
/// override (target, once or continuous, UEFI or legacy), secure boot, NMI, and sensors from the
/// system's chassis and storage.
/// </summary>
[HardwareInterface("redfish")]
public sealed class RedfishManagement : ManagementInterface
{
    /// <summary>driver_internal_info key: the device to set again before each power on, when only a one-time override worked.</summary>
    public const string RestoreDeviceKey = "redfish_boot_device";

    private static readonly Dictionary<string, string> Targets = new()
    {
        [BootDevice.Pxe] = "Pxe",
        [BootDevice.Disk] = "Hdd",
        [BootDevice.Cdrom] = "Cd",
        [BootDevice.Bios] = "BiosSetup",
    };

    private static readonly Dictionary<string, string> Modes = new()
    {
        [BootMode.Uefi] = "UEFI",
        [BootMode.Bios] = "Legacy",
    };

    private readonly RedfishRuntime runtime;

    public RedfishManagement(IDriverServices services) => runtime = new RedfishRuntime(services, typeof(RedfishManagement).FullName!);

    public override IReadOnlyDictionary<string, string> GetProperties() => RedfishDriverInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        runtime.Parse(task);
        return Task.CompletedTask;
    }

    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [.. Targets.Keys];

    public override async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        if (!Targets.TryGetValue(device, out var target))
        {
            throw new InvalidParameterValue($"Invalid boot device {device} specified.");
        }

        if (task.Node.DriverInternalInfo.Remove(RestoreDeviceKey))
        {
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
        }

        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        try
        {
            await SetOverrideAsync(task, bmc, system, target, persistent, ct).ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Redfish set boot device failed for node {task.Node.Uuid}. Error: {e.Message}", e.Status, e);
        }
    }

    public override async Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct)
    {
        var boot = (await runtime.Connect(task).GetSystemAsync(ct).ConfigureAwait(false))["Boot"];
        var target = boot?["BootSourceOverrideTarget"]?.ToString();
        var device = Targets.FirstOrDefault(kv => kv.Value == target).Key;
        bool? persistent = boot?["BootSourceOverrideEnabled"]?.ToString() switch
        {
            "Continuous" => true,
            "Once" => false,
            _ => null,
        };
        return new BootDeviceInfo(device, persistent);
    }

    public override IReadOnlyList<string> GetSupportedBootModes(ITaskContext task) => [.. Modes.Keys];

    public override async Task<string?> GetBootModeAsync(ITaskContext task, CancellationToken ct)
    {
        var mode = (await runtime.Connect(task).GetSystemAsync(ct).ConfigureAwait(false))["Boot"]?["BootSourceOverrideMode"]?.ToString();
        return Modes.FirstOrDefault(kv => kv.Value == mode).Key;
    }

    public override async Task SetBootModeAsync(ITaskContext task, string mode, CancellationToken ct)
    {
        if (!Modes.TryGetValue(mode, out var redfishMode))
        {
            throw new InvalidParameterValue($"Invalid boot mode {mode} specified; expected one of {string.Join(", ", Modes.Keys)}.");
        }

        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var boot = system["Boot"] as JsonObject;
        if (boot?["BootSourceOverrideMode"] is null)
        {
            // A partial Redfish implementation without a boot mode override: Ironic reports the extension missing.
            throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support set_boot_mode (disabled or not implemented).");
        }

        try
        {
            CheckAllowed(bmc, boot, "BootSourceOverrideMode", redfishMode);
            await bmc.PatchAsync(SelfLink(bmc, system), new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideMode"] = redfishMode } }, ct)
                .ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Setting boot mode to {mode} failed for node {task.Node.Uuid}. Error: {e.Message}", e.Status, e);
        }
    }

    public override async Task<bool?> GetSecureBootStateAsync(ITaskContext task, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var link = RedfishBmc.Link(system, "SecureBoot")
            ?? throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support get_secure_boot_state (disabled or not implemented).");
        var secureBoot = await bmc.GetAsync(link, ct).ConfigureAwait(false);
        return secureBoot["SecureBootEnable"] is JsonValue v && v.TryGetValue<bool>(out var enabled) ? enabled : null;
    }

    public override async Task SetSecureBootStateAsync(ITaskContext task, bool enabled, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var link = RedfishBmc.Link(system, "SecureBoot")
            ?? throw new UnsupportedDriverExtension($"Driver {task.Node.Driver} does not support set_secure_boot_state (disabled or not implemented).");
        var secureBoot = await bmc.GetAsync(link, ct).ConfigureAwait(false);
        if (secureBoot["SecureBootEnable"] is JsonValue v && v.TryGetValue<bool>(out var current) && current == enabled)
        {
            return;
        }

        if (system["Boot"]?["BootSourceOverrideMode"]?.ToString() == "Legacy")
        {
            throw new RedfishError($"Configuring secure boot requires UEFI for node {task.Node.Uuid}");
        }

        try
        {
            await bmc.PatchAsync(link, new JsonObject { ["SecureBootEnable"] = enabled }, ct).ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Failed to set secure boot state on node {task.Node.Uuid} to {enabled}: {e.Message}", e.Status, e);
        }
    }

    public override async Task InjectNmiAsync(ITaskContext task, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        try
        {
            await RedfishPower.ResetAsync(bmc, system, "Nmi", ct).ConfigureAwait(false);
        }
        catch (RedfishError e)
        {
            throw new RedfishError($"Redfish inject NMI failed for node {task.Node.Uuid}. Error: {e.Message}", e.Status, e);
        }
    }

    public override async Task<JsonObject> GetSensorsDataAsync(ITaskContext task, CancellationToken ct)
    {
        var bmc = runtime.Connect(task);
        JsonObject system;
        try
        {
            system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        }
        catch (IronicException e) when (e is RedfishError or RedfishConnectionError)
        {
            throw new FailedToGetSensorData(task.Node.Uuid, e.Message);
        }

        return await new RedfishSensors(bmc, runtime.Logger).ReadAsync(system, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the one-time override again before a power on, when only a one-time one could be set for
    /// a persistent request. A failure only logs: the node then boots its configured order.
    /// </summary>
    internal async Task RestoreBootDeviceAsync(ITaskContext task, RedfishBmc bmc, JsonObject system, CancellationToken ct)
    {
        if (task.Node.DriverInternalInfo[RestoreDeviceKey]?.ToString() is not { Length: > 0 } device || !Targets.TryGetValue(device, out var target))
        {
            return;
        }

        try
        {
            await SetOverrideAsync(task, bmc, system, target, persistent: false, ct).ConfigureAwait(false);
        }
        catch (IronicException e) when (e is RedfishError or RedfishConnectionError)
        {
            RedfishLog.RestoreBootDeviceFailed(runtime.Logger, device, task.Node.Uuid, e.Message);
        }
    }

    /// <summary>
    /// PATCHes the override; Enabled is sent only when it changes (as Ironic). A BMC that refuses
    /// Continuous gets Once instead, remembered so the power interface sets it before every power on.
    /// </summary>
    private async Task SetOverrideAsync(ITaskContext task, RedfishBmc bmc, JsonObject system, string target, bool persistent, CancellationToken ct)
    {
        var boot = system["Boot"] as JsonObject ?? [];
        CheckAllowed(bmc, boot, "BootSourceOverrideTarget", target);
        var desired = persistent ? "Continuous" : "Once";
        var change = new JsonObject { ["BootSourceOverrideTarget"] = target };
        if (boot["BootSourceOverrideEnabled"]?.ToString() != desired)
        {
            change["BootSourceOverrideEnabled"] = desired;
        }

        var self = SelfLink(bmc, system);
        try
        {
            await bmc.PatchAsync(self, new JsonObject { ["Boot"] = change }, ct).ConfigureAwait(false);
        }
        catch (RedfishError e) when (change["BootSourceOverrideEnabled"]?.ToString() == "Continuous")
        {
            var device = Targets.First(kv => kv.Value == target).Key;
            RedfishLog.PersistentBootFallback(runtime.Logger, device, task.Node.Uuid, e.Message);
            await bmc.PatchAsync(self, new JsonObject { ["Boot"] = new JsonObject { ["BootSourceOverrideTarget"] = target, ["BootSourceOverrideEnabled"] = "Once" } }, ct)
                .ConfigureAwait(false);
            task.Node.DriverInternalInfo[RestoreDeviceKey] = device;
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>As sushy, a value missing from the BMC's AllowableValues never reaches the BMC.</summary>
    private static void CheckAllowed(RedfishBmc bmc, JsonObject boot, string property, string value)
    {
        if (boot[property + "@Redfish.AllowableValues"] is JsonArray allowed && allowed.All(v => v?.ToString() != value))
        {
            throw new RedfishError($"The BMC at {bmc.Endpoint.Address} does not allow {property} {value} (it allows {string.Join(", ", allowed)}).");
        }
    }

    private static string SelfLink(RedfishBmc bmc, JsonObject system) => RedfishBmc.Link(system) ?? bmc.Endpoint.SystemId ?? throw new RedfishError("The system has no @odata.id.");
}
