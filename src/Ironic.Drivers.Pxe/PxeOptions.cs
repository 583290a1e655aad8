namespace Ironic.Drivers.Pxe;

/// <summary>
/// The <c>[pxe]</c> and <c>[deploy]</c> options the network boot interfaces read, once, when they are
/// enabled. Roots default under <c>state_path</c> (Ironic: <c>/tftpboot</c>, <c>/httpboot</c>) so the
/// all-in-one service runs unprivileged; an operator serving real nodes points them at the
/// directories the TFTP and HTTP servers export.
/// </summary>
internal sealed record PxeOptions
{
    public required string TftpRoot { get; init; }

    public required string HttpRoot { get; init; }

    /// <summary><c>[deploy] http_url</c> without a trailing slash; null when unset (iPXE then fails validation).</summary>
    public string? HttpUrl { get; init; }

    public string TftpServer { get; init; } = "127.0.0.1";

    /// <summary>The conductor's host name, for messages about its local files.</summary>
    public string Host { get; init; } = "";

    public string KernelAppendParams { get; init; } = DefaultKernelAppendParams;

    /// <summary><c>[pxe] ipxe_timeout</c> in seconds; 0 means none.</summary>
    public int IpxeTimeout { get; init; }

    public string DefaultBootMode { get; init; } = BootMode.Uefi;

    /// <summary>Where the per-MAC links live, relative to the root (<c>[pxe] pxe_config_subdir</c>).</summary>
    public string ConfigSubdir { get; init; } = "pxelinux.cfg";

    /// <summary><c>[conductor] deploy_kernel</c>/<c>deploy_ramdisk</c>: used when a node's driver_info names neither.</summary>
    public string? ConductorDeployKernel { get; init; }

    public string? ConductorDeployRamdisk { get; init; }

    public string? ConductorRescueKernel { get; init; }

    public string? ConductorRescueRamdisk { get; init; }

    /// <summary><c>[conductor] automated_clean</c>: a ramdisk deploy needs the deploy ramdisk only when cleaning runs.</summary>
    public bool AutomatedClean { get; init; } = true;

    public const string DefaultKernelAppendParams = "nofb nomodeset vga=normal";

    public static PxeOptions Read(IDriverServices services)
    {
        var c = services.Config;
        var url = c.OptionalString("deploy", "http_url")?.TrimEnd('/');
        return new PxeOptions
        {
            TftpRoot = Path.GetFullPath(c.OptionalString("pxe", "tftp_root") ?? Path.Combine(services.StatePath, "tftpboot")),
            HttpRoot = Path.GetFullPath(c.OptionalString("deploy", "http_root") ?? Path.Combine(services.StatePath, "httpboot")),
            HttpUrl = string.IsNullOrEmpty(url) ? null : url,
            Host = services.Host,
            TftpServer = c.OptionalString("pxe", "tftp_server") ?? c.OptionalString("DEFAULT", "my_ip") ?? "127.0.0.1",
            KernelAppendParams = c.String("pxe", "kernel_append_params", DefaultKernelAppendParams),
            IpxeTimeout = c.Int("pxe", "ipxe_timeout", 0, min: 0),
            DefaultBootMode = c.Choice("deploy", "default_boot_mode", BootMode.Uefi, BootMode.Uefi, BootMode.Bios),
            ConfigSubdir = c.String("pxe", "pxe_config_subdir", "pxelinux.cfg"),
            ConductorDeployKernel = c.OptionalString("conductor", "deploy_kernel"),
            ConductorDeployRamdisk = c.OptionalString("conductor", "deploy_ramdisk"),
            ConductorRescueKernel = c.OptionalString("conductor", "rescue_kernel"),
            ConductorRescueRamdisk = c.OptionalString("conductor", "rescue_ramdisk"),
            AutomatedClean = c.Bool("conductor", "automated_clean", true),
        };
    }
}
