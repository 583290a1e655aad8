using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// The images the virtual media ISO is made of (Ironic's redfish <c>_parse_driver_info</c>): driver_info
/// <c>deploy_iso</c>, else <c>deploy_kernel</c> and <c>deploy_ramdisk</c> (else <c>[conductor]</c>'s), and
/// the optional UEFI <c>bootloader</c>. Each is an absolute path on the conductor, a <c>file://</c> URL or an
/// HTTP(S) URL, downloaded into the node's own directory under a fixed name.
/// </summary>
internal sealed class VirtualMediaImages(VirtualMediaOptions options)
{
    public const string DeployKernel = "deploy_kernel";
    public const string DeployRamdisk = "deploy_ramdisk";
    public const string DeployIso = "deploy_iso";
    public const string Bootloader = "bootloader";
    public const string KernelAppendParams = "kernel_append_params";
    public const string ExternalHttpUrl = "external_http_url";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(30) };

    public static IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string>
    {
        [DeployKernel] = "URL or absolute path on the conductor of the deployment kernel. Required if deploy_iso is not set.",
        [DeployRamdisk] = "URL or absolute path on the conductor of the ramdisk that is mounted at boot time. Required if deploy_iso is not set.",
        [DeployIso] = "URL or absolute path on the conductor of the deployment ISO to use. Required if deploy_kernel/deploy_ramdisk are not set.",
        [Bootloader] = "URL or absolute path on the conductor of the EFI system partition image containing the EFI boot loader, used when " +
            "building a UEFI-bootable ISO out of kernel and ramdisk. Optional: without it a GRUB boot loader is built on the conductor.",
        [KernelAppendParams] = "Additional kernel parameters to pass down to the instance kernel. These parameters can be consumed by the " +
            "kernel or by the applications by reading /proc/cmdline. Mind severe cmdline size limit. Overrides [redfish]kernel_append_params; " +
            "%default% stands for it. Optional.",
        [ExternalHttpUrl] = "External URL that is used when the image could be served outside of the provisioning network. If set it will " +
            "have priority over [deploy]external_http_url and [deploy]http_url. Defaults to None.",
    };

    /// <summary>The references to boot: the ISO alone, or kernel and ramdisk (with the optional ESP image).</summary>
    public sealed record Refs(string? Iso, string? Kernel, string? Ramdisk, string? Bootloader);

    /// <exception cref="MissingParameterValue">Neither an ISO nor both kernel and ramdisk.</exception>
    public Refs Parse(Node node)
    {
        var info = node.DriverInfo;
        var bootloader = String(node, Bootloader) ?? options.ConductorBootloader;
        if (String(node, DeployIso) is { } iso)
        {
            Check(node, DeployIso, iso);
            return new Refs(iso, null, null, null);
        }

        var images = new Dictionary<string, string?> { [DeployKernel] = String(node, DeployKernel), [DeployRamdisk] = String(node, DeployRamdisk) };
        if (images.Values.All(v => v is null))
        {
            images[DeployKernel] = options.ConductorDeployKernel;
            images[DeployRamdisk] = options.ConductorDeployRamdisk;
        }

        var missing = images.Where(kv => string.IsNullOrEmpty(kv.Value)).Select(kv => $"'{kv.Key}'").ToList();
        if (missing.Count > 0)
        {
            throw new MissingParameterValue(
                $"Error validating Redfish virtual media. Some parameters were missing in node's driver_info. Missing are: [{string.Join(", ", missing)}]");
        }

        foreach (var (key, value) in images)
        {
            Check(node, key, value!);
        }

        if (bootloader is not null)
        {
            Check(node, Bootloader, bootloader);
        }

        return new Refs(null, images[DeployKernel], images[DeployRamdisk], bootloader);
    }

    /// <summary>The local file of <paramref name="reference"/>: the file itself, or its download as <c>&lt;workDir&gt;/&lt;label&gt;</c>.</summary>
    public async Task<string> FetchAsync(Node node, string label, string reference, string workDir, CancellationToken ct)
    {
        if (LocalPath(reference) is { } local)
        {
            if (!File.Exists(local))
            {
                throw new InvalidParameterValue($"The {label} image {local} of node {node.Uuid} does not exist on conductor {Environment.MachineName}.");
            }

            return local;
        }

        var target = Path.Combine(workDir, label);
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using var response = await Http.GetAsync(reference, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageCreationFailed($"downloading the {label} image {reference} of node {node.Uuid} failed with HTTP {(int)response.StatusCode}");
            }

            var file = File.Create(temp);
            await using (file.ConfigureAwait(false))
            {
                await response.Content.CopyToAsync(file, ct).ConfigureAwait(false);
            }

            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch (HttpRequestException e)
        {
            throw new ImageCreationFailed($"downloading the {label} image {reference} of node {node.Uuid} failed: {e.Message}", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string? LocalPath(string reference) =>
        reference.StartsWith("file://", StringComparison.Ordinal) ? new Uri(reference).LocalPath
        : Path.IsPathFullyQualified(reference) ? reference
        : null;

    // Only what this conductor can read: a local path or an HTTP(S) URL (there is no image service here).
    private static void Check(Node node, string key, string reference)
    {
        var ok = reference.StartsWith("file://", StringComparison.Ordinal) ? Uri.TryCreate(reference, UriKind.Absolute, out _)
            : Path.IsPathFullyQualified(reference) || (Uri.TryCreate(reference, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https");
        if (!ok)
        {
            throw new InvalidParameterValue(
                $"Invalid driver_info/{key} \"{reference}\" of node {node.Uuid}: expected an absolute path on the conductor, a file:// URL or an HTTP(S) URL.");
        }
    }

    public static string? String(Node node, string key) =>
        node.DriverInfo[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s ? s : null;
}
