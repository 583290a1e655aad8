using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// What the <c>pxe</c> and <c>ipxe</c> boot interfaces share (Ironic's <c>PXEBaseMixin</c> and
/// <c>pxe_utils</c>): one configuration file per node under the root (<c>[pxe] tftp_root</c> for PXE,
/// <c>[deploy] http_root</c> for iPXE) at <c>&lt;root&gt;/&lt;node uuid&gt;/config</c>, found by the
/// boot loader through per-MAC symbolic links, and the boot device set through the management interface.
/// Images are not downloaded: a local file is linked into the node's directory, anything else is
/// referenced as given.
/// </summary>
internal sealed partial class NetworkBoot(PxeOptions options, bool ipxe, ILogger logger)
{
    private const string ConfigFileName = "config";

    // Ironic's rescue-like states: the rescue kernel and ramdisk boot there.
    private static readonly string[] RescueStates =
        [ProvisionState.Rescuing, ProvisionState.RescueWait, ProvisionState.RescueFailed, ProvisionState.Unrescuing, ProvisionState.UnrescueFailed];

    public PxeOptions Options => options;

    /// <summary>The directory this interface writes under.</summary>
    public string Root => ipxe ? options.HttpRoot : options.TftpRoot;

    public string NodeDir(string nodeUuid) => Path.Combine(Root, nodeUuid);

    public string ConfigPath(string nodeUuid) => Path.Combine(Root, nodeUuid, ConfigFileName);

    /// <summary>
    /// The links a boot loader looks the node up by, per port: the PXELINUX/iPXE one under the config
    /// subdirectory (<c>01-&lt;mac&gt;</c>, <c>20-</c> for InfiniBand, no prefix for iPXE) and GRUB's two.
    /// </summary>
    public IEnumerable<string> MacPaths(Port port)
    {
        var mac = port.Address.Replace(':', '-').ToLowerInvariant();
        if (ipxe)
        {
            yield return Path.Combine(Root, options.ConfigSubdir, mac);
        }
        else
        {
            var type = port.Extra["client-id"] is JsonValue ? "20-" : "01-";
            yield return Path.Combine(Root, options.ConfigSubdir, type + mac);
        }

        yield return Path.Combine(Root, $"grub.cfg-01-{mac}");
        yield return Path.Combine(Root, port.Address + ".conf");
    }

    /// <summary>Where the shared iPXE entry script lives.</summary>
    public string IpxeBootScriptPath => Path.Combine(options.HttpRoot, "boot.ipxe");

    /// <summary>Writes <c>boot.ipxe</c> unless it already has the right content.</summary>
    public void EnsureIpxeBootScript()
    {
        var script = BootTemplates.IpxeBootScript(options.ConfigSubdir);
        if (File.Exists(IpxeBootScriptPath) && File.ReadAllText(IpxeBootScriptPath) == script)
        {
            return;
        }

        EnsureDirectory(options.HttpRoot);
        WriteFile(IpxeBootScriptPath, script);
    }

    public Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        if (task.Ports.Count == 0)
        {
            throw new MissingParameterValue($"Node {node.Uuid} does not have any port associated with it");
        }

        if (ipxe && options.HttpUrl is null)
        {
            throw new MissingParameterValue("iPXE boot is enabled but no HTTP URL or HTTP root was specified");
        }

        NodeCapabilities.Validate(node);
        NodeCapabilities.BootModeOf(node, options.DefaultBootMode);
        if (HasValue(node.InstanceInfo, "image_source") && HasValue(node.InstanceInfo, "boot_iso"))
        {
            throw new InvalidParameterValue("An 'image_source' and 'boot_iso' parameter may not be specified at the same time");
        }

        ParseDriverInfo(task, RescueStates.Contains(node.ProvisionState) ? "rescue" : "deploy");
        if (!IsRamdiskDeploy(task))
        {
            // Writing an image that boots from disk: the instance needs nothing from the boot interface.
            return Task.CompletedTask;
        }

        InstanceImages(node);
        if (!ipxe && node.InstanceInfo["boot_iso"] is not null && NodeCapabilities.BootModeOf(node, options.DefaultBootMode) == BootMode.Uefi)
        {
            throw new InvalidParameterValue(
                $"Node {node.Uuid} cannot boot instance_info boot_iso with the pxe boot interface in UEFI boot mode; use the ipxe boot interface.");
        }

        return Task.CompletedTask;
    }

    public async Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct)
    {
        var node = task.Node;
        if (ipxe)
        {
            EnsureIpxeBootScript();
        }

        var mode = RescueStates.Contains(node.ProvisionState) ? "rescue" : "deploy";
        var deployImages = ParseDriverInfo(task, mode);
        var instanceImages = node.ProvisionState == ProvisionState.Deploying && IsRamdiskDeploy(task)
            ? InstanceImages(node)
            : new Dictionary<string, string>();
        await SyncBootModeAsync(task, ct).ConfigureAwait(false);
        var config = BuildOptions(task, deployImages, instanceImages, ramdiskParams, BootConfigOptions.DeployLabel);
        WriteConfig(task, config);
        LogRamdiskPrepared(logger, node.Uuid, ipxe ? "iPXE" : "PXE", ConfigPath(node.Uuid));
        await SetBootDeviceAsync(task, BootDevice.Pxe, persistent: false, ct).ConfigureAwait(false);
    }

    public async Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        await SyncBootModeAsync(task, ct).ConfigureAwait(false);
        await ConfigureSecureBootAsync(task, enable: true, ct).ConfigureAwait(false);
        string device;
        if (IsRamdiskDeploy(task))
        {
            var instanceImages = InstanceImages(node);
            var deployImages = TryParseDriverInfo(task);
            WriteConfig(task, BuildOptions(task, deployImages, instanceImages, null, BootConfigOptions.RamdiskLabel));
            LogInstancePrepared(logger, node.Uuid, ConfigPath(node.Uuid));
            device = BootDevice.Pxe;
        }
        else
        {
            // The image is on the disk: nothing left for the network to serve.
            RemoveFiles(task);
            device = BootDevice.Disk;
        }

        // A conductor taking over an active node re-creates its files but leaves its boot order alone.
        if (node.ProvisionState != ProvisionState.Active)
        {
            await SetBootDeviceAsync(task, device, persistent: true, ct).ConfigureAwait(false);
        }
    }

    public async Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct)
    {
        RemoveFiles(task);
        await ConfigureSecureBootAsync(task, enable: false, ct).ConfigureAwait(false);
    }

    /// <summary>Removes the node's configuration, its directory and its MAC links; missing files are fine.</summary>
    public void RemoveFiles(ITaskContext task)
    {
        foreach (var port in task.Ports)
        {
            foreach (var path in MacPaths(port))
            {
                DeleteFile(path);
            }
        }

        var dir = NodeDir(task.Node.Uuid);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        LogCleanedUp(logger, task.Node.Uuid, dir);
    }

    /// <summary>True when the node's deploy interface boots the instance from the network (<c>ramdisk</c>).</summary>
    public static bool IsRamdiskDeploy(ITaskContext task) =>
        task.Node.DeployInterface is { } name ? name == RamdiskDeploy.Name : task.Driver.Deploy is RamdiskDeploy;

    /// <summary>
    /// The deploy (or rescue) kernel and ramdisk from driver_info, else from <c>[conductor]</c>
    /// (never one from each: that is a mistake). A ramdisk deploy without cleaning needs none.
    /// </summary>
    private Dictionary<string, string> ParseDriverInfo(ITaskContext task, string mode)
    {
        var node = task.Node;
        if (mode == "deploy" && IsRamdiskDeploy(task) && !CleaningEnabled(node))
        {
            return [];
        }

        var (kernelKey, ramdiskKey) = ($"{mode}_kernel", $"{mode}_ramdisk");
        var info = new Dictionary<string, string?>
        {
            [kernelKey] = StringOf(node.DriverInfo, kernelKey),
            [ramdiskKey] = StringOf(node.DriverInfo, ramdiskKey),
        };
        if (info.Values.All(v => v is null))
        {
            info[kernelKey] = mode == "deploy" ? options.ConductorDeployKernel : options.ConductorRescueKernel;
            info[ramdiskKey] = mode == "deploy" ? options.ConductorDeployRamdisk : options.ConductorRescueRamdisk;
        }

        CheckMissing(info, "Cannot validate PXE bootloader. Some parameters were missing in node's driver_info and configuration");
        return info.ToDictionary(kv => kv.Key, kv => kv.Value!);
    }

    private Dictionary<string, string> TryParseDriverInfo(ITaskContext task)
    {
        try
        {
            return ParseDriverInfo(task, "deploy");
        }
        catch (MissingParameterValue)
        {
            // The instance entry does not need them; the deploy entry is then left empty.
            return [];
        }
    }

    /// <summary>The instance's <c>kernel</c> and <c>ramdisk</c>, or its <c>boot_iso</c>, from instance_info.</summary>
    private static Dictionary<string, string> InstanceImages(Node node)
    {
        var info = node.InstanceInfo;
        if (StringOf(info, "boot_iso") is { } iso)
        {
            if (HasValue(info, "image_source"))
            {
                throw new InvalidParameterValue("An 'image_source' and 'boot_iso' parameter may not be specified at the same time.");
            }

            return new Dictionary<string, string> { ["boot_iso"] = iso };
        }

        var images = new Dictionary<string, string?> { ["kernel"] = StringOf(info, "kernel"), ["ramdisk"] = StringOf(info, "ramdisk") };
        CheckMissing(images, $"Cannot validate image information for node {node.Uuid} because one or more parameters are missing " +
            "from its instance_info and insufficient information is present to boot from a remote volume");
        return images.ToDictionary(kv => kv.Key, kv => kv.Value!);
    }

    private BootConfigOptions BuildOptions(ITaskContext task, Dictionary<string, string> deployImages,
        Dictionary<string, string> instanceImages, IReadOnlyDictionary<string, string>? ramdiskParams, string defaultLabel)
    {
        var node = task.Node;
        var refs = new Dictionary<string, string>();
        foreach (var (label, source) in deployImages.Concat(instanceImages))
        {
            refs[label] = ImageReference(node.Uuid, label, source);
        }

        var deployKernel = refs.FirstOrDefault(kv => kv.Key.EndsWith("_kernel", StringComparison.Ordinal)).Value ?? "";
        var deployRamdisk = refs.FirstOrDefault(kv => kv.Key.EndsWith("_ramdisk", StringComparison.Ordinal)).Value ?? "";
        return new BootConfigOptions
        {
            Default = defaultLabel,
            DeployKernel = deployKernel,
            DeployRamdisk = deployRamdisk,
            Kernel = refs.GetValueOrDefault("kernel") ?? "no_kernel",
            Ramdisk = refs.GetValueOrDefault("ramdisk") ?? "no_ramdisk",
            BootIso = refs.GetValueOrDefault("boot_iso"),
            AppendParams = AppendParams(node, ramdiskParams),
            RamdiskOpts = StringOf(node.InstanceInfo, "ramdisk_kernel_arguments") ?? "",
            TftpServer = options.TftpServer,
            IpxeTimeoutMs = options.IpxeTimeout * 1000,
            InitrdFilename = deployImages.Keys.FirstOrDefault(k => k.EndsWith("_ramdisk", StringComparison.Ordinal)) ?? "deploy_ramdisk",
        };
    }

    /// <summary>
    /// The kernel command line: instance_info, then driver_info <c>kernel_append_params</c> (where
    /// <c>%default%</c> stands for the configured value), else <c>[pxe] kernel_append_params</c>;
    /// then the ramdisk parameters as <c>key=value</c>.
    /// </summary>
    private string AppendParams(Node node, IReadOnlyDictionary<string, string>? ramdiskParams)
    {
        var append = StringOf(node.InstanceInfo, "kernel_append_params", allowEmpty: true)
            ?? StringOf(node.DriverInfo, "kernel_append_params", allowEmpty: true);
        append = append?.Replace("%default%", options.KernelAppendParams, StringComparison.Ordinal) ?? options.KernelAppendParams;
        if (ramdiskParams is { Count: > 0 })
        {
            append += " " + string.Join(' ', ramdiskParams.Select(kv => $"{kv.Key}={kv.Value}"));
        }

        return append.Trim();
    }

    /// <summary>
    /// How the boot loader reaches an image. A local file (absolute path or <c>file://</c>) is linked into
    /// the node's directory as <c>&lt;label&gt;</c>, where Ironic would have cached it, and named relative
    /// to the TFTP root (PXE) or under <c>[deploy] http_url</c> (iPXE); anything else (an HTTP URL) as given.
    /// </summary>
    private string ImageReference(string nodeUuid, string label, string source)
    {
        var local = source.StartsWith("file://", StringComparison.Ordinal) ? new Uri(source).LocalPath
            : Path.IsPathFullyQualified(source) ? source
            : null;
        if (local is null)
        {
            return source;
        }

        if (!File.Exists(local))
        {
            throw new InvalidParameterValue($"The {label} image {local} of node {nodeUuid} does not exist on conductor {options.Host}.");
        }

        var link = Path.Combine(NodeDir(nodeUuid), label);
        EnsureDirectory(NodeDir(nodeUuid));
        DeleteFile(link);
        File.CreateSymbolicLink(link, local);
        return ipxe ? $"{options.HttpUrl}/{nodeUuid}/{label}" : $"{nodeUuid}/{label}";
    }

    private void WriteConfig(ITaskContext task, BootConfigOptions config)
    {
        var node = task.Node;
        var text = ipxe ? BootTemplates.Ipxe(config)
            : NodeCapabilities.BootModeOf(node, options.DefaultBootMode) == BootMode.Uefi ? BootTemplates.Grub(config)
            : BootTemplates.Pxelinux(config);
        EnsureDirectory(NodeDir(node.Uuid));
        EnsureDirectory(Path.Combine(Root, options.ConfigSubdir));
        var configPath = ConfigPath(node.Uuid);
        WriteFile(configPath, text);
        foreach (var port in task.Ports)
        {
            foreach (var link in MacPaths(port))
            {
                DeleteFile(link);
                File.CreateSymbolicLink(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, configPath));
            }
        }
    }

    /// <summary>
    /// Ironic's <c>sync_boot_mode</c>: a boot mode the node asks for is set on the BMC when it differs;
    /// otherwise the BMC's current mode is recorded as the one to deploy in. A management interface that
    /// cannot tell or set boot modes is left alone (the configuration then follows the default).
    /// </summary>
    private async Task SyncBootModeAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        var requested = NodeCapabilities.BootModeOf(node, "");
        try
        {
            var management = task.Driver.Management;
            var current = await management.GetBootModeAsync(task, ct).ConfigureAwait(false);
            if (requested.Length == 0 && current is BootMode.Uefi or BootMode.Bios)
            {
                node.DriverInternalInfo["deploy_boot_mode"] = current;
                node.BootMode = current;
                return;
            }

            var wanted = requested.Length == 0 ? options.DefaultBootMode : requested;
            if (wanted != current)
            {
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
    private async Task ConfigureSecureBootAsync(ITaskContext task, bool enable, CancellationToken ct)
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
    private static async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        var force = StringOf(task.Node.DriverInfo, "force_persistent_boot_device");
        persistent = force?.ToLowerInvariant() switch
        {
            "always" or "true" => true,
            "never" or "false" => false,
            _ => persistent,
        };
        await task.Driver.Management.SetBootDeviceAsync(task, device, persistent, ct).ConfigureAwait(false);
    }

    private bool CleaningEnabled(Node node) => node.AutomatedClean ?? options.AutomatedClean;

    private static void CheckMissing(Dictionary<string, string?> info, string message)
    {
        var missing = info.Where(kv => string.IsNullOrEmpty(kv.Value)).Select(kv => $"'{kv.Key}'").ToList();
        if (missing.Count > 0)
        {
            // Python's list notation, as in Ironic's message.
            throw new MissingParameterValue($"{message}. Missing are: [{string.Join(", ", missing)}]");
        }
    }

    private static bool HasValue(JsonObject o, string key) =>
        o[key] is { } v && !(v is JsonValue jv && jv.TryGetValue<string>(out var s) && s.Length == 0);

    private static string? StringOf(JsonObject o, string key, bool allowEmpty = false) =>
        o[key] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0 || allowEmpty ? s : null,
            null => null,
            var other => other.ToJsonString(),
        };

    private static void EnsureDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // rwxr-xr-x: the TFTP or HTTP server, usually another user, must read what we write.
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    // Written beside and renamed over, so a boot loader fetching the file never reads half of it.
    private static void WriteFile(string path, string content)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.Move(temp, path, overwrite: true);
    }

    // File.Exists is false for a dangling link, which still has to go.
    private static void DeleteFile(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ramdisk {Kind} boot of node {Node} prepared in {Path}")]
    private static partial void LogRamdiskPrepared(ILogger logger, string node, string kind, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance network boot of node {Node} prepared in {Path}")]
    private static partial void LogInstancePrepared(ILogger logger, string node, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Network boot files of node {Node} removed from {Path}")]
    private static partial void LogCleanedUp(ILogger logger, string node, string path);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Secure boot was requested for node {Node} but its management interface {Interface} does not support it")]
    private static partial void LogSecureBootUnsupported(ILogger logger, string node, string @interface);
}
