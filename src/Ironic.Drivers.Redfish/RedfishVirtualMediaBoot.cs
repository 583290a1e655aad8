using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Boots the deploy agent from virtual media (Ironic's <c>redfish-virtual-media</c>): the agent's kernel
/// and ramdisk are packed into a bootable ISO with the agent's kernel parameters (or a prebuilt
/// <c>deploy_iso</c> is used), published under <c>[deploy] http_root</c>/redfish as <c>boot-&lt;node&gt;.iso</c>
/// and inserted into the BMC's virtual CD; the node then boots from CD once. The instance boots from disk.
/// </summary>
[HardwareInterface(Name)]
public sealed partial class RedfishVirtualMediaBoot : BootInterface
{
    public const string Name = "redfish-virtual-media";

    // Ironic's image_subdir for the redfish interfaces.
    private const string ImageSubdir = "redfish";
    private const string KeyFile = "boot.iso.key";

    private readonly RedfishRuntime runtime;
    private readonly VirtualMediaOptions options;
    private readonly VirtualMediaImages images;
    private readonly IsoBuilder builder;

    public RedfishVirtualMediaBoot(IDriverServices services)
    {
        runtime = new RedfishRuntime(services, typeof(RedfishVirtualMediaBoot).FullName!);
        options = VirtualMediaOptions.Read(services);
        images = new VirtualMediaImages(options);
        builder = new IsoBuilder(options);
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => VirtualMediaImages.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        runtime.Parse(task);
        if (node.DeployInterface == "ramdisk")
        {
            throw new InvalidParameterValue(
                $"The {Name} boot interface boots the deploy agent only; node {node.Uuid} uses the ramdisk deploy, which needs the ipxe or pxe boot interface.");
        }

        images.Parse(node);
        HttpUrl(node);
        KernelCommandLine.Build(AppendParams(node), new Dictionary<string, string>());
        // Throws when the boot mode asked for contradicts properties/capabilities.
        _ = BootMode.ForDeploy(node);
        return Task.CompletedTask;
    }

    public override async Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct)
    {
        var node = task.Node;
        var refs = images.Parse(node);
        var baseUrl = HttpUrl(node);
        // The agent must know it booted from virtual media (it then finds its configuration there, not by DHCP).
        var parameters = new Dictionary<string, string>(ramdiskParams) { ["boot_method"] = "vmedia" };
        var cmdline = KernelCommandLine.Build(AppendParams(node), parameters);
        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        var mode = await SyncBootModeAsync(task, ct).ConfigureAwait(false);

        var url = await PublishIsoAsync(node, refs, cmdline, mode, baseUrl, ct).ConfigureAwait(false);
        var media = new RedfishVirtualMedia(runtime.Connect(task));
        await media.EjectAsync(ct).ConfigureAwait(false);
        await media.InsertAsync(url, ct).ConfigureAwait(false);
        LogInserted(runtime.Logger, url, node.Uuid);
        await task.Driver.Management.SetBootDeviceAsync(task, BootDevice.Cdrom, persistent: false, ct).ConfigureAwait(false);
    }

    public override async Task CleanUpRamdiskAsync(ITaskContext task, CancellationToken ct)
    {
        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        await EjectAllAsync(task, ct).ConfigureAwait(false);
    }

    public override async Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct)
    {
        await EjectAllAsync(task, ct).ConfigureAwait(false);
        // A conductor taking over an active node leaves its boot order alone.
        if (task.Node.ProvisionState != ProvisionState.Active)
        {
            await task.Driver.Management.SetBootDeviceAsync(task, BootDevice.Disk, persistent: true, ct).ConfigureAwait(false);
        }
    }

    public override Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct) => EjectAllAsync(task, ct);

    /// <summary>Where the node's ISO is published: <c>&lt;http_root&gt;/redfish/boot-&lt;uuid&gt;.iso</c>.</summary>
    internal string PublishedPath(Node node) => Path.Combine(options.HttpRoot, ImageSubdir, $"boot-{SafeUuid(node)}.iso");

    /// <summary>The node's working directory (downloads, the key of the ISO built last).</summary>
    internal string WorkDir(Node node) => Path.Combine(options.WorkRoot, SafeUuid(node));

    private async Task EjectAllAsync(ITaskContext task, CancellationToken ct)
    {
        var ejected = await new RedfishVirtualMedia(runtime.Connect(task)).EjectAsync(ct).ConfigureAwait(false);
        var published = PublishedPath(task.Node);
        if (File.Exists(published))
        {
            File.Delete(published);
        }

        var work = WorkDir(task.Node);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        LogCleanedUp(runtime.Logger, task.Node.Uuid, ejected);
    }

    /// <summary>
    /// Builds (or reuses, when nothing it is made of changed) and publishes the node's ISO; returns its URL.
    /// A prebuilt deploy_iso is published as it is.
    /// </summary>
    private async Task<string> PublishIsoAsync(Node node, VirtualMediaImages.Refs refs, KernelCommandLine cmdline, string mode, string baseUrl, CancellationToken ct)
    {
        var work = WorkDir(node);
        var published = PublishedPath(node);
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(Path.GetDirectoryName(published)!);
        var url = $"{baseUrl}/{ImageSubdir}/{Path.GetFileName(published)}";
        if (refs.Iso is { } isoRef)
        {
            var iso = await images.FetchAsync(node, VirtualMediaImages.DeployIso, isoRef, work, ct).ConfigureAwait(false);
            var temp = $"{published}.{Guid.NewGuid():N}.tmp";
            File.Copy(iso, temp, overwrite: true);
            File.Move(temp, published, overwrite: true);
            return url;
        }

        var kernel = await images.FetchAsync(node, VirtualMediaImages.DeployKernel, refs.Kernel!, work, ct).ConfigureAwait(false);
        var ramdisk = await images.FetchAsync(node, VirtualMediaImages.DeployRamdisk, refs.Ramdisk!, work, ct).ConfigureAwait(false);
        var esp = mode == BootMode.Uefi && refs.Bootloader is { } loader
            ? await images.FetchAsync(node, VirtualMediaImages.Bootloader, loader, work, ct).ConfigureAwait(false)
            : null;
        var key = CacheKey(mode, cmdline, kernel, ramdisk, esp);
        var keyPath = Path.Combine(work, KeyFile);
        if (File.Exists(published) && File.Exists(keyPath) && await File.ReadAllTextAsync(keyPath, ct).ConfigureAwait(false) == key)
        {
            LogReused(runtime.Logger, published, node.Uuid);
            return url;
        }

        File.Delete(keyPath);
        await builder.BuildAsync(kernel, ramdisk, cmdline, mode, esp, work, published, ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(keyPath, key, ct).ConfigureAwait(false);
        LogBuilt(runtime.Logger, mode, published, node.Uuid);
        return url;
    }

    // What the ISO is made of: the boot mode, the command line and each file's path, size and change time.
    private static string CacheKey(string mode, KernelCommandLine cmdline, params string?[] files)
    {
        var text = new StringBuilder().Append(mode).Append('\n').Append(cmdline).Append('\n');
        foreach (var file in files.OfType<string>())
        {
            var info = new FileInfo(file);
            text.Append(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Ironic's <c>sync_boot_mode</c>: the mode the node asks for is set on the BMC when it differs; otherwise the
    /// BMC's mode (else <c>[deploy] default_boot_mode</c>) is the one the ISO is built for.
    /// </summary>
    private async Task<string> SyncBootModeAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        var requested = BootMode.ForDeploy(node);
        try
        {
            var current = await task.Driver.Management.GetBootModeAsync(task, ct).ConfigureAwait(false);
            if (requested is not null && requested != current)
            {
                await task.Driver.Management.SetBootModeAsync(task, requested, ct).ConfigureAwait(false);
            }

            var mode = requested ?? current ?? options.DefaultBootMode;
            node.BootMode = mode;
            return mode;
        }
        catch (UnsupportedDriverExtension)
        {
            return requested ?? options.DefaultBootMode;
        }
    }

    private string HttpUrl(Node node) =>
        VirtualMediaImages.String(node, VirtualMediaImages.ExternalHttpUrl)?.TrimEnd('/') ?? options.HttpUrl
        ?? throw new MissingParameterValue(
            $"Node {node.Uuid}: the {Name} boot interface publishes its ISO over HTTP, but neither driver_info/{VirtualMediaImages.ExternalHttpUrl} " +
            "nor [deploy] external_http_url or http_url is set.");

    // driver_info's (where %default% stands for the configured value), else [redfish] kernel_append_params.
    private string AppendParams(Node node) =>
        VirtualMediaImages.String(node, VirtualMediaImages.KernelAppendParams)?.Replace("%default%", options.KernelAppendParams, StringComparison.Ordinal)
        ?? options.KernelAppendParams;

    // The UUID in its canonical form: node data never names a path outside the node's own files.
    private static string SafeUuid(Node node) =>
        Guid.TryParse(node.Uuid, out var uuid) ? uuid.ToString("D") : throw new InvalidParameterValue($"Invalid node UUID {node.Uuid}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Inserted virtual media {Url} into node {Node}, which boots from it once")]
    private static partial void LogInserted(ILogger logger, string url, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the {Mode} boot ISO {Path} of node {Node}")]
    private static partial void LogBuilt(ILogger logger, string mode, string path, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reusing the boot ISO {Path} of node {Node}: nothing it is made of changed")]
    private static partial void LogReused(ILogger logger, string path, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Virtual media of node {Node} cleaned up ({Ejected} ejected)")]
    private static partial void LogCleanedUp(ILogger logger, string node, int ejected);
}
