namespace Ironic.Drivers.Redfish.Tests;

/// <summary>The ISO builder against the real Debian tools, its output read back with xorriso and mtools.</summary>
public sealed class IsoBuilderTests : IDisposable
{
    private readonly string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "iso-builder-" + Guid.NewGuid().ToString("N"))).FullName;

    private static readonly KernelCommandLine CmdLine = KernelCommandLine.Build(
        "nofb console=ttyS0,115200n8", new Dictionary<string, string> { ["ipa-api-url"] = "http://10.0.0.1:6385", ["boot_method"] = "vmedia" });

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Bios_IsoHoldsKernelRamdiskAndIsolinuxBootingThemWithTheParameters()
    {
        var iso = await BuildAsync(BootMode.Bios);

        var files = await IsoReader.FilesAsync(iso);
        Assert.Contains("/vmlinuz", files);
        Assert.Contains("/initrd", files);
        Assert.Contains("/isolinux/isolinux.bin", files);
        Assert.Contains("/isolinux/ldlinux.c32", files);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir, "kernel")), await File.ReadAllBytesAsync(await IsoReader.ExtractAsync(iso, "/vmlinuz")));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir, "ramdisk")), await File.ReadAllBytesAsync(await IsoReader.ExtractAsync(iso, "/initrd")));
        var config = await IsoReader.ReadTextAsync(iso, "/isolinux/isolinux.cfg");
        Assert.Contains("kernel /vmlinuz", config, StringComparison.Ordinal);
        Assert.Contains("append initrd=/initrd text nofb console=ttyS0,115200n8 ipa-api-url=http://10.0.0.1:6385 boot_method=vmedia --", config, StringComparison.Ordinal);
        var eltorito = await IsoReader.ElToritoAsync(iso);
        Assert.Matches(@"El Torito boot img :\s+1\s+BIOS", eltorito);
        Assert.Contains("/isolinux/isolinux.bin", eltorito, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uefi_IsoBootsAnEfiSystemPartitionWithGrubAndItsConfigurationHasTheParameters()
    {
        var iso = await BuildAsync(BootMode.Uefi);

        var files = await IsoReader.FilesAsync(iso);
        Assert.Contains("/vmlinuz", files);
        Assert.Contains("/initrd", files);
        Assert.Contains("/boot/efiboot.img", files);
        var eltorito = await IsoReader.ElToritoAsync(iso);
        Assert.Matches(@"El Torito boot img :\s+1\s+UEFI", eltorito);
        Assert.Contains("/boot/efiboot.img", eltorito, StringComparison.Ordinal);
        var grub = await IsoReader.ReadTextAsync(iso, "/boot/grub/grub.cfg");
        Assert.Contains("linux /vmlinuz 'nofb' 'console=ttyS0,115200n8' 'ipa-api-url=http://10.0.0.1:6385' 'boot_method=vmedia' --", grub, StringComparison.Ordinal);
        Assert.Contains("initrd /initrd", grub, StringComparison.Ordinal);

        // The ESP is a FAT image with the removable-media boot path UEFI firmware looks for.
        var esp = await IsoReader.ExtractAsync(iso, "/boot/efiboot.img");
        var listing = await IsoReader.RunAsync("mdir", "-i", esp, "-b", "::/EFI/BOOT");
        Assert.Contains("BOOTX64.EFI", listing, StringComparison.Ordinal);
        // ... holding an EFI application (PE32+: "MZ" header).
        var efi = Path.Combine(dir, "BOOTX64.EFI");
        await IsoReader.RunAsync("mcopy", "-i", esp, "::/EFI/BOOT/BOOTX64.EFI", efi);
        Assert.Equal("MZ"u8.ToArray(), (await File.ReadAllBytesAsync(efi))[..2]);
    }

    [Fact]
    public async Task Uefi_WithABootloaderImage_UsesItAsTheEsp()
    {
        var esp = Path.Combine(dir, "my-esp.img");
        await File.WriteAllBytesAsync(esp, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i % 251))]);

        var iso = await BuildAsync(BootMode.Uefi, esp);

        Assert.Equal(await File.ReadAllBytesAsync(esp), await File.ReadAllBytesAsync(await IsoReader.ExtractAsync(iso, "/boot/efiboot.img")));
    }

    [Fact]
    public async Task MissingIsolinux_FailsNamingTheDebianPackage()
    {
        var builder = new IsoBuilder(Options() with { IsolinuxBin = Path.Combine(dir, "no-isolinux.bin") });

        var e = await Assert.ThrowsAsync<ImageCreationFailed>(() => builder.BuildAsync(
            Path.Combine(dir, "kernel"), Path.Combine(dir, "ramdisk"), CmdLine, BootMode.Bios, null, dir, Path.Combine(dir, "out.iso"), default));

        Assert.Contains("install the Debian package isolinux", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "out.iso")));
    }

    [Fact]
    public void MissingTool_FailsNamingTheDebianPackage()
    {
        var e = Assert.Throws<ImageCreationFailed>(() => ExternalTool.Find("no-such-iso-tool", "no-such-package"));

        Assert.Equal("Creating ISO image failed: the tool no-such-iso-tool was not found on conductor " + Environment.MachineName +
            "; install the Debian package no-such-package (apt-get install no-such-package)", e.Message);
        Assert.Equal(500, e.Code);
    }

    [Fact]
    public async Task FailedBuild_LeavesNoPartialIso()
    {
        var builder = new IsoBuilder(Options());
        var output = Path.Combine(dir, "out.iso");

        await Assert.ThrowsAsync<ImageCreationFailed>(() => builder.BuildAsync(
            Path.Combine(dir, "no-kernel"), Path.Combine(dir, "ramdisk"), CmdLine, BootMode.Bios, null, dir, output, default));

        Assert.Empty(Directory.GetFiles(dir, "out.iso*"));
        Assert.Empty(Directory.GetDirectories(dir));
    }

    [Theory]
    [InlineData("nofb\nappend evil")]
    [InlineData("nofb\rx")]
    [InlineData("a='b'")]
    [InlineData("a=\"b")]
    [InlineData("a\\b")]
    public void KernelAppendParams_ThatABootLoaderWouldMisread_AreRefused(string append)
    {
        var e = Assert.Throws<InvalidParameterValue>(() => KernelCommandLine.Build(append, new Dictionary<string, string>()));

        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(400, e.Code);
    }

    [Theory]
    [InlineData("ipa-api-url", "http://x\n}")]
    [InlineData("bad key", "v")]
    [InlineData("k", "has \"quote\"")]
    public void RamdiskParams_ThatABootLoaderWouldMisread_AreRefused(string key, string value) =>
        Assert.Throws<InvalidParameterValue>(() => KernelCommandLine.Build("", new Dictionary<string, string> { [key] = value }));

    [Fact]
    public void KernelCommandLine_QuotesValuesWithSpacesAndKeepsQuotedAppendWordsWhole()
    {
        var cmdline = KernelCommandLine.Build("a=\"x y\" b", new Dictionary<string, string> { ["c"] = "p q" });

        Assert.Equal(["a=\"x y\"", "b", "c=\"p q\""], cmdline.Tokens);
        Assert.Equal("'a=\"x y\"' 'b' 'c=\"p q\"'", cmdline.ForGrub());
    }

    private VirtualMediaOptions Options() => new() { HttpRoot = Path.Combine(dir, "http"), WorkRoot = Path.Combine(dir, "work") };

    private async Task<string> BuildAsync(string mode, string? esp = null)
    {
        await File.WriteAllBytesAsync(Path.Combine(dir, "kernel"), [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i % 7))]);
        await File.WriteAllBytesAsync(Path.Combine(dir, "ramdisk"), [.. Enumerable.Range(0, 150_000).Select(i => (byte)(i % 13))]);
        var output = Path.Combine(dir, "boot.iso");
        var work = Directory.CreateDirectory(Path.Combine(dir, "work")).FullName;
        await new IsoBuilder(Options()).BuildAsync(Path.Combine(dir, "kernel"), Path.Combine(dir, "ramdisk"), CmdLine, mode, esp, work, output, default);
        Assert.Empty(Directory.GetDirectories(work));
        return output;
    }
}
