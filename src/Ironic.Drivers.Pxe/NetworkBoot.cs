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

    // driver_internal_info: the MAC links written for the node, relative to the root.
    private const string LinksKey = "boot_config_links";

    private readonly NodeImages images = new(options);

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

        BootFiles.EnsureDirectory(options.HttpRoot);
        BootFiles.Write(IpxeBootScriptPath, script);
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
        // Throws when the boot mode asked for contradicts properties/capabilities.
        _ = BootMode.ForDeploy(node);
        if (JsonFields.HasValue(node.InstanceInfo, "image_source") && JsonFields.HasValue(node.InstanceInfo, "boot_iso"))
        {
            throw new InvalidParameterValue("An 'image_source' and 'boot_iso' parameter may not be specified at the same time");
        }

        // As Ironic: validation is about deploying; the rescue images are checked when rescuing.
        images.Deploy(task, "deploy");
        if (!NodeImages.IsRamdiskDeploy(task))
        {
            // Writing an image that boots from disk: the instance needs nothing from the boot interface.
            return Task.CompletedTask;
        }

        InstanceImages(node);
        return Task.CompletedTask;
    }

    public async Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct)
    {
        var node = task.Node;
        if (ipxe)
        {
            EnsureIpxeBootScript();
        }

        var mode = NodeImages.Mode(node);
        var deployImages = images.Deploy(task, mode);
        var instanceImages = node.ProvisionState == ProvisionState.Deploying && NodeImages.IsRamdiskDeploy(task)
            ? InstanceImages(node)
            : new Dictionary<string, string>();
        await BootManagement.SyncBootModeAsync(task, options.DefaultBootMode, ct).ConfigureAwait(false);
        var config = BuildOptions(task, deployImages, instanceImages, ramdiskParams, BootConfigOptions.DeployLabel);
        WriteConfig(task, config);
        LogRamdiskPrepared(logger, node.Uuid, ipxe ? "iPXE" : "PXE", ConfigPath(node.Uuid));
        await BootManagement.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: false, ct).ConfigureAwait(false);
    }

    public async Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        await BootManagement.SyncBootModeAsync(task, options.DefaultBootMode, ct).ConfigureAwait(false);
        await BootManagement.ConfigureSecureBootAsync(task, enable: true, logger, ct).ConfigureAwait(false);
        string device;
        if (NodeImages.IsRamdiskDeploy(task))
        {
            var instanceImages = InstanceImages(node);
            var deployImages = images.TryDeploy(task);
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
            await BootManagement.SetBootDeviceAsync(task, device, persistent: true, ct).ConfigureAwait(false);
        }
    }

    // GRUB cannot boot an ISO fetched over TFTP; PXELINUX can, through memdisk, and iPXE by sanboot.
    private Dictionary<string, string> InstanceImages(Node node)
    {
        var instance = NodeImages.Instance(node);
        if (!ipxe && instance.ContainsKey("boot_iso") && BootMode.Resolve(node, options.DefaultBootMode) == BootMode.Uefi)
        {
            throw new InvalidParameterValue(
                $"Node {node.Uuid} cannot boot instance_info boot_iso with the pxe boot interface in UEFI boot mode; use the ipxe boot interface.");
        }

        return instance;
    }

    public async Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct)
    {
        RemoveFiles(task);
        await BootManagement.ConfigureSecureBootAsync(task, enable: false, logger, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the node's directory and every MAC link to its configuration: those of its current ports
    /// and those recorded when the configuration was written (ports deleted since). A link that now
    /// points at another node's configuration (its MAC address moved there) is left alone. Missing
    /// files are fine.
    /// </summary>
    public void RemoveFiles(ITaskContext task)
    {
        var node = task.Node;
        foreach (var link in task.Ports.SelectMany(MacPaths).Concat(RecordedLinks(node)).Distinct(StringComparer.Ordinal))
        {
            DeleteIfOurs(node, link);
        }

        node.DriverInternalInfo.Remove(LinksKey);
        var dir = NodeDir(node.Uuid);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        LogCleanedUp(logger, node.Uuid, dir);
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
            RamdiskOpts = JsonFields.String(node.InstanceInfo, "ramdisk_kernel_arguments") ?? "",
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
        var append = JsonFields.String(node.InstanceInfo, "kernel_append_params", allowEmpty: true)
            ?? JsonFields.String(node.DriverInfo, "kernel_append_params", allowEmpty: true);
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
        BootFiles.EnsureDirectory(NodeDir(nodeUuid));
        BootFiles.Link(link, local);
        return ipxe ? $"{options.HttpUrl}/{nodeUuid}/{label}" : $"{nodeUuid}/{label}";
    }

    private void WriteConfig(ITaskContext task, BootConfigOptions config)
    {
        var node = task.Node;
        var text = ipxe ? BootTemplates.Ipxe(config)
            : BootMode.Resolve(node, options.DefaultBootMode) == BootMode.Uefi ? BootTemplates.Grub(config)
            : BootTemplates.Pxelinux(config);
        BootFiles.EnsureDirectory(NodeDir(node.Uuid));
        BootFiles.EnsureDirectory(Path.Combine(Root, options.ConfigSubdir));
        var configPath = ConfigPath(node.Uuid);
        BootFiles.Write(configPath, text);
        var links = task.Ports.SelectMany(MacPaths).ToList();
        foreach (var stale in RecordedLinks(node).Except(links, StringComparer.Ordinal))
        {
            DeleteIfOurs(node, stale);
        }

        foreach (var link in links)
        {
            BootFiles.Link(link, Path.GetRelativePath(Path.GetDirectoryName(link)!, configPath));
        }

        // Remembered (relative to the root) so clean-up finds the links of ports deleted meanwhile
        // without scanning directories shared by every node.
        node.DriverInternalInfo[LinksKey] = new JsonArray([.. links.Select(l => (JsonNode)Path.GetRelativePath(Root, l))]);
    }

    private IEnumerable<string> RecordedLinks(Node node) =>
        node.DriverInternalInfo[LinksKey] is JsonArray recorded
            ? recorded.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null)
                .Where(s => s is not null && !Path.IsPathRooted(s) && !s.Split('/').Contains(".."))
                .Select(s => Path.Combine(Root, s!))
            : [];

    // Only a link that resolves to this node's configuration is ours to delete.
    private void DeleteIfOurs(Node node, string link)
    {
        if (new FileInfo(link).LinkTarget is { } target && Path.GetFullPath(target, Path.GetDirectoryName(link)!) == ConfigPath(node.Uuid))
        {
            BootFiles.Delete(link);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ramdisk {Kind} boot of node {Node} prepared in {Path}")]
    private static partial void LogRamdiskPrepared(ILogger logger, string node, string kind, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance network boot of node {Node} prepared in {Path}")]
    private static partial void LogInstancePrepared(ILogger logger, string node, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Network boot files of node {Node} removed from {Path}")]
    private static partial void LogCleanedUp(ILogger logger, string node, string path);
}
