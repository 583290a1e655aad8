namespace Ironic.Drivers.Pxe.Tests;

public sealed class IpxeBootTests : IDisposable
{
    private readonly TestDriverServices services = new(("deploy.http_url", "http://10.0.0.1:8080/"), ("pxe.ipxe_timeout", "60"));

    public void Dispose() => services.Dispose();

    private string ConfigPath => Path.Combine(services.HttpRoot, Nodes.Uuid, "config");

    [Fact]
    public void Constructor_WritesTheSharedBootScriptChainingByMac()
    {
        _ = new IpxeBoot(services);

        var script = File.ReadAllText(Path.Combine(services.HttpRoot, "boot.ipxe"));
        Assert.StartsWith("#!ipxe\n", script, StringComparison.Ordinal);
        Assert.Contains("chain pxelinux.cfg/${net${netid}/mac:hexhyp} || goto loop\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareRamdisk_WritesIpxeScriptUnderHttpRootWithMacLink()
    {
        var task = Nodes.IpxeTask(services);

        await task.Driver.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = "http://10.0.0.1:6385" }, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.StartsWith("#!ipxe\n", config, StringComparison.Ordinal);
        Assert.Contains("\ngoto deploy\n", config, StringComparison.Ordinal);
        Assert.Contains("\nkernel --timeout 60000 http://images.example/ipa.kernel selinux=0 troubleshoot=0 text nofb nomodeset vga=normal " +
            "ipa-api-url=http://10.0.0.1:6385 BOOTIF=${mac} initrd=deploy_ramdisk || goto retry\n", config, StringComparison.Ordinal);
        Assert.Contains("\ninitrd --timeout 60000 http://images.example/ipa.initramfs || goto retry\n", config, StringComparison.Ordinal);
        var link = Path.Combine(services.HttpRoot, "pxelinux.cfg", "52-54-00-ab-cd-01");
        Assert.Equal($"../{Nodes.Uuid}/config", new FileInfo(link).LinkTarget);
        Assert.Equal([(BootDevice.Pxe, false)], task.RecordingManagement.BootDevices);
        Assert.False(Directory.Exists(services.TftpRoot));
    }

    [Fact]
    public async Task PrepareRamdisk_LocalImageFiles_AreServedUnderHttpUrl()
    {
        var kernel = Path.Combine(services.StatePath, "ipa.kernel");
        await File.WriteAllTextAsync(kernel, "kernel");
        var node = Nodes.Node();
        node.DriverInfo["deploy_kernel"] = kernel;
        var task = Nodes.IpxeTask(services, node);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.Contains($" http://10.0.0.1:8080/{Nodes.Uuid}/deploy_kernel selinux=0", await File.ReadAllTextAsync(ConfigPath), StringComparison.Ordinal);
        Assert.Equal("kernel", await File.ReadAllTextAsync(Path.Combine(services.HttpRoot, Nodes.Uuid, "deploy_kernel")));
    }

    [Fact]
    public async Task PrepareInstance_RamdiskDeploy_GoesToTheInstanceRamdisk()
    {
        var task = Nodes.IpxeTask(services);

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.Contains("\ngoto boot_ramdisk\n", config, StringComparison.Ordinal);
        Assert.Contains(":boot_ramdisk\nimgfree\nkernel --timeout 60000 http://images.example/vmlinuz root=/dev/ram0 text nofb nomodeset vga=normal " +
            "initrd=ramdisk || goto boot_ramdisk\ninitrd --timeout 60000 http://images.example/initrd.img || goto boot_ramdisk\nboot\n", config, StringComparison.Ordinal);
        Assert.Equal([(BootDevice.Pxe, true)], task.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task PrepareInstance_BootIso_IsSanbooted()
    {
        var node = Nodes.Node();
        node.InstanceInfo = new() { ["boot_iso"] = "http://images.example/live.iso" };
        var task = Nodes.IpxeTask(services, node);

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        Assert.Contains(":boot_ramdisk\nimgfree\nsanboot http://images.example/live.iso\n", await File.ReadAllTextAsync(ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpInstance_RemovesNodeFilesButKeepsTheSharedBootScript()
    {
        var task = Nodes.IpxeTask(services);
        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        await task.Driver.Boot.CleanUpInstanceAsync(task, default);

        Assert.False(Directory.Exists(Path.Combine(services.HttpRoot, Nodes.Uuid)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(services.HttpRoot, "pxelinux.cfg")));
        Assert.True(File.Exists(Path.Combine(services.HttpRoot, "boot.ipxe")));
    }

    [Fact]
    public async Task Validate_WithoutHttpUrl_ReportsItAsIronicDoes()
    {
        using var unconfigured = new TestDriverServices();
        var task = Nodes.IpxeTask(unconfigured);

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.Equal("iPXE boot is enabled but no HTTP URL or HTTP root was specified", e.Message);
    }
}
