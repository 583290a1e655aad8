namespace Ironic.Drivers.Redfish;

/// <summary>
/// What the <c>redfish-virtual-media</c> boot interface reads from the configuration, once, when it is
/// enabled (Ironic's option names). The ISO is published under <c>[deploy] http_root</c> (default
/// <c>$state_path/httpboot</c>, as the ipxe boot interface) in Ironic's <c>redfish/</c> subdirectory.
/// </summary>
internal sealed record VirtualMediaOptions
{
    public const string DefaultKernelAppendParams = "nofb nomodeset vga=normal";

    public required string HttpRoot { get; init; }

    /// <summary><c>[deploy] external_http_url</c>, else <c>http_url</c>, without a trailing slash; null when neither is set.</summary>
    public string? HttpUrl { get; init; }

    /// <summary>Per-node working directories (downloads, the cache key of the built ISO).</summary>
    public required string WorkRoot { get; init; }

    public string KernelAppendParams { get; init; } = DefaultKernelAppendParams;

    public string DefaultBootMode { get; init; } = BootMode.Uefi;

    public string? ConductorDeployKernel { get; init; }

    public string? ConductorDeployRamdisk { get; init; }

    public string? ConductorBootloader { get; init; }

    /// <summary><c>[DEFAULT] isolinux_bin</c> and <c>ldlinux_c32</c>: where Debian's isolinux and syslinux-common put them.</summary>
    public string IsolinuxBin { get; init; } = "/usr/lib/ISOLINUX/isolinux.bin";

    public string LdlinuxC32 { get; init; } = "/usr/lib/syslinux/modules/bios/ldlinux.c32";

    /// <summary>GRUB's x86_64-efi modules (Debian's grub-efi-amd64-bin), from which the UEFI boot loader is built.</summary>
    public string GrubEfiModules { get; init; } = "/usr/lib/grub/x86_64-efi";

    /// <summary>Bound of one external tool run (xorriso, grub-mkstandalone, ...).</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public static VirtualMediaOptions Read(IDriverServices services)
    {
        var c = services.Config;
        var url = (c.OptionalString("deploy", "external_http_url") ?? c.OptionalString("deploy", "http_url"))?.TrimEnd('/');
        return new VirtualMediaOptions
        {
            HttpRoot = Path.GetFullPath(c.OptionalString("deploy", "http_root") ?? Path.Combine(services.StatePath, "httpboot")),
            HttpUrl = string.IsNullOrEmpty(url) ? null : url,
            WorkRoot = Path.Combine(Path.GetFullPath(services.StatePath), "redfish-vmedia"),
            KernelAppendParams = c.String("redfish", "kernel_append_params", DefaultKernelAppendParams),
            DefaultBootMode = c.Choice("deploy", "default_boot_mode", BootMode.Uefi, BootMode.Uefi, BootMode.Bios),
            ConductorDeployKernel = c.OptionalString("conductor", "deploy_kernel"),
            ConductorDeployRamdisk = c.OptionalString("conductor", "deploy_ramdisk"),
            ConductorBootloader = c.OptionalString("conductor", "bootloader"),
            IsolinuxBin = c.String("DEFAULT", "isolinux_bin", "/usr/lib/ISOLINUX/isolinux.bin"),
            LdlinuxC32 = c.String("DEFAULT", "ldlinux_c32", "/usr/lib/syslinux/modules/bios/ldlinux.c32"),
        };
    }
}
