using System.Globalization;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Builds the bootable ISO of a kernel and ramdisk (Ironic's <c>images.create_boot_iso</c>) with Debian's
/// tools: <c>xorriso</c> writes the ISO; for BIOS it boots through isolinux (packages isolinux and
/// syslinux-common), for UEFI through an El Torito EFI system partition image holding a GRUB built by
/// <c>grub-mkstandalone</c> (grub-efi-amd64-bin), formatted by <c>mkfs.vfat</c> (dosfstools) and
/// filled by <c>mmd</c>/<c>mcopy</c> (mtools), unless an ESP image is given (driver_info <c>bootloader</c>).
/// The kernel and ramdisk are grafted in place, not copied; the ISO appears at its path only once complete.
/// </summary>
internal sealed class IsoBuilder(VirtualMediaOptions options)
{
    /// <summary>The volume label; the UEFI boot loader finds the ISO's own files by it.</summary>
    public const string VolumeId = "VMEDIA_BOOT_ISO";

    // Preloaded into the standalone GRUB: enough to find the ISO, read its configuration and boot Linux.
    private const string GrubModules = "part_gpt part_msdos iso9660 fat search search_label search_fs_file configfile normal linux echo all_video test";

    /// <summary>Builds the ISO at <paramref name="output"/>, working in <paramref name="workDir"/> (created, left empty of build files).</summary>
    public async Task BuildAsync(string kernel, string ramdisk, KernelCommandLine cmdline, string bootMode, string? espImage,
        string workDir, string output, CancellationToken ct)
    {
        // Before any work: a conductor without xorriso says so at once.
        ExternalTool.Find("xorriso", "xorriso");
        var build = Path.Combine(workDir, "build-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(build);
        var temp = $"{output}.{Guid.NewGuid():N}.tmp";
        try
        {
            var grafts = new List<(string IsoPath, string Source)> { ("vmlinuz", kernel), ("initrd", ramdisk) };
            var args = new List<string> { "-as", "mkisofs", "-o", temp, "-quiet", "-V", VolumeId, "-J", "-r", "-graft-points" };
            if (bootMode == BootMode.Bios)
            {
                ExternalTool.RequireFile(options.IsolinuxBin, "isolinux");
                ExternalTool.RequireFile(options.LdlinuxC32, "syslinux-common");
                // Copied: -boot-info-table patches the boot image, which must not be the system's own file.
                var isolinux = Path.Combine(build, "isolinux.bin");
                File.Copy(options.IsolinuxBin, isolinux);
                var config = Path.Combine(build, "isolinux.cfg");
                await File.WriteAllTextAsync(config, IsolinuxConfig(cmdline), ct).ConfigureAwait(false);
                grafts.AddRange([("isolinux/isolinux.bin", isolinux), ("isolinux/ldlinux.c32", options.LdlinuxC32), ("isolinux/isolinux.cfg", config)]);
                args.AddRange(["-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table"]);
            }
            else
            {
                var esp = espImage ?? await BuildEspAsync(build, ct).ConfigureAwait(false);
                var config = Path.Combine(build, "grub.cfg");
                await File.WriteAllTextAsync(config, GrubConfig(cmdline), ct).ConfigureAwait(false);
                grafts.AddRange([("boot/efiboot.img", esp), ("boot/grub/grub.cfg", config), ("EFI/BOOT/grub.cfg", config)]);
                args.AddRange(["-e", "boot/efiboot.img", "-no-emul-boot"]);
            }

            args.AddRange(grafts.Select(g => $"{Escape(g.IsoPath)}={Escape(g.Source)}"));
            await ExternalTool.RunAsync("xorriso", "xorriso", args, options.ToolTimeout, ct).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                // The HTTP server that serves it is usually another user.
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temp, output, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
            Directory.Delete(build, recursive: true);
        }
    }

    /// <summary>isolinux boots the kernel with the ramdisk; the configuration is one line per directive.</summary>
    public static string IsolinuxConfig(KernelCommandLine cmdline) =>
        $"default boot\nlabel boot\n  kernel /vmlinuz\n  append initrd=/initrd text {cmdline} --\n";

    public static string GrubConfig(KernelCommandLine cmdline) =>
        "set default=0\nset timeout=5\nset hidden_timeout_quiet=false\n\n" +
        $"menuentry \"boot_partition\" {{\n  linux /vmlinuz {cmdline.ForGrub()} --\n  initrd /initrd\n}}\n";

    // The EFI boot loader: a standalone GRUB whose built-in configuration finds this ISO by its label and
    // reads the ISO's /boot/grub/grub.cfg, in a FAT image just big enough for it.
    private async Task<string> BuildEspAsync(string build, CancellationToken ct)
    {
        ExternalTool.RequireFile(Path.Combine(options.GrubEfiModules, "linux.mod"), "grub-efi-amd64-bin");
        var early = Path.Combine(build, "early.cfg");
        await File.WriteAllTextAsync(early,
            $"search --no-floppy --set=root --label {VolumeId}\nset prefix=($root)/boot/grub\nconfigfile ($root)/boot/grub/grub.cfg\n", ct).ConfigureAwait(false);
        var efi = Path.Combine(build, "BOOTX64.EFI");
        await ExternalTool.RunAsync("grub-mkstandalone", "grub-common", [
            "-O", "x86_64-efi", "-d", options.GrubEfiModules, "-o", efi,
            "--modules=" + GrubModules, "--install-modules=" + GrubModules, "--locales=", "--fonts=", "--themes=",
            "boot/grub/grub.cfg=" + early,
        ], options.ToolTimeout, ct).ConfigureAwait(false);
        var esp = Path.Combine(build, "efiboot.img");
        // FAT12/16 overhead plus room: twice the loader, at least 2 MiB, in KiB blocks.
        var kib = Math.Max(2048, new FileInfo(efi).Length * 2 / 1024);
        await ExternalTool.RunAsync("mkfs.vfat", "dosfstools", ["-C", esp, kib.ToString(CultureInfo.InvariantCulture)], options.ToolTimeout, ct).ConfigureAwait(false);
        await ExternalTool.RunAsync("mmd", "mtools", ["-i", esp, "::/EFI", "::/EFI/BOOT"], options.ToolTimeout, ct).ConfigureAwait(false);
        await ExternalTool.RunAsync("mcopy", "mtools", ["-i", esp, efi, "::/EFI/BOOT/BOOTX64.EFI"], options.ToolTimeout, ct).ConfigureAwait(false);
        return esp;
    }

    // xorriso's pathspec: '=' separates the ISO path from the source, so both escape it (and the escape character).
    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);
}
