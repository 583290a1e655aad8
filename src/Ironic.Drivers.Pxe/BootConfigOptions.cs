namespace Ironic.Drivers.Pxe;

/// <summary>
/// What one node's boot configuration says (Ironic's <c>pxe_options</c>): the deploy (or rescue)
/// kernel and ramdisk, the instance's, the kernel command line, and which entry boots by default.
/// Image references are as the boot loader fetches them: a path under the TFTP root, or a URL.
/// </summary>
internal sealed record BootConfigOptions
{
    /// <summary>The entry booted: <see cref="DeployLabel"/>, <see cref="RamdiskLabel"/> or <see cref="WholeDiskLabel"/>.</summary>
    public required string Default { get; init; }

    public string DeployKernel { get; init; } = "";

    public string DeployRamdisk { get; init; } = "";

    public string Kernel { get; init; } = "no_kernel";

    public string Ramdisk { get; init; } = "no_ramdisk";

    /// <summary>The instance's ISO (iPXE sanboot, PXELINUX memdisk), or null.</summary>
    public string? BootIso { get; init; }

    public string AppendParams { get; init; } = "";

    /// <summary><c>instance_info/ramdisk_kernel_arguments</c>: extra arguments of the instance ramdisk.</summary>
    public string RamdiskOpts { get; init; } = "";

    public string TftpServer { get; init; } = "";

    /// <summary>Download timeout for iPXE, in milliseconds; 0 for none.</summary>
    public int IpxeTimeoutMs { get; init; }

    /// <summary>The file name the deploy kernel's <c>initrd=</c> argument names (iPXE).</summary>
    public string InitrdFilename { get; init; } = "deploy_ramdisk";

    public const string DeployLabel = "deploy";
    public const string RamdiskLabel = "boot_ramdisk";
    public const string WholeDiskLabel = "boot_whole_disk";
}
