using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Pxe.Tests;

public sealed class PxeBootTests : IDisposable
{
    private readonly TestDriverServices services = new();

    public void Dispose() => services.Dispose();

    private string ConfigPath => Path.Combine(services.TftpRoot, Nodes.Uuid, "config");

    [Fact]
    public async Task PrepareRamdisk_Uefi_WritesGrubConfigBootingTheDeployRamdisk()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = "http://10.0.0.1:6385" }, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.StartsWith("set default=deploy\n", config, StringComparison.Ordinal);
        Assert.Contains("    linuxefi http://images.example/ipa.kernel selinux=0 troubleshoot=0 text nofb nomodeset vga=normal " +
            "ipa-api-url=http://10.0.0.1:6385 boot_server=127.0.0.1\n", config, StringComparison.Ordinal);
        Assert.Contains("    initrdefi http://images.example/ipa.initramfs\n", config, StringComparison.Ordinal);
        Assert.Contains("    linuxefi http://images.example/vmlinuz root=/dev/ram0 text", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareRamdisk_Bios_WritesPxelinuxConfig()
    {
        var task = Nodes.PxeTask(services, Nodes.Node(bootMode: "bios"));

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.StartsWith("default deploy\n\nlabel deploy\nkernel http://images.example/ipa.kernel\n" +
            "append initrd=http://images.example/ipa.initramfs selinux=0 troubleshoot=0 text nofb nomodeset vga=normal\nipappend 2\n",
            config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareRamdisk_LinksEveryPortsMacToTheConfig()
    {
        var task = Nodes.PxeTask(services, null, Nodes.Port(), Nodes.Port(Nodes.Mac2));

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        foreach (var (link, target) in new[]
        {
            ("pxelinux.cfg/01-52-54-00-ab-cd-01", $"../{Nodes.Uuid}/config"),
            ("pxelinux.cfg/01-52-54-00-ab-cd-02", $"../{Nodes.Uuid}/config"),
            ("grub.cfg-01-52-54-00-ab-cd-01", $"{Nodes.Uuid}/config"),
            ($"{Nodes.Mac}.conf", $"{Nodes.Uuid}/config"),
        })
        {
            var path = Path.Combine(services.TftpRoot, link);
            Assert.Equal(target, new FileInfo(path).LinkTarget);
            Assert.Equal(await File.ReadAllTextAsync(ConfigPath), await File.ReadAllTextAsync(path));
        }
    }

    [Fact]
    public async Task PrepareRamdisk_InfinibandPort_LinksWithHardwareType20()
    {
        var port = Nodes.Port();
        port.Extra["client-id"] = "ff:00:00:00:00:00:02:00:00:02:c9:00:52:54:00:ab:cd:01";
        var task = Nodes.PxeTask(services, null, port);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.True(File.Exists(Path.Combine(services.TftpRoot, "pxelinux.cfg", "20-52-54-00-ab-cd-01")));
    }

    [Fact]
    public async Task PrepareRamdisk_SetsBootDevicePxeForTheNextBootOnly()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.Equal([(BootDevice.Pxe, false)], task.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task PrepareRamdisk_ForcePersistentAlways_SetsBootDevicePersistently()
    {
        var node = Nodes.Node();
        node.DriverInfo["force_persistent_boot_device"] = "Always";
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.Equal([(BootDevice.Pxe, true)], task.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task PrepareRamdisk_LocalImageFiles_AreLinkedIntoTheNodeDirectoryAndNamedRelativeToTheRoot()
    {
        var kernel = Path.Combine(services.StatePath, "ipa.kernel");
        var ramdisk = Path.Combine(services.StatePath, "ipa.initramfs");
        await File.WriteAllTextAsync(kernel, "kernel");
        await File.WriteAllTextAsync(ramdisk, "ramdisk");
        var node = Nodes.Node(bootMode: "bios");
        node.DriverInfo["deploy_kernel"] = kernel;
        node.DriverInfo["deploy_ramdisk"] = "file://" + ramdisk;
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.Contains($"kernel {Nodes.Uuid}/deploy_kernel\n", config, StringComparison.Ordinal);
        Assert.Contains($"append initrd={Nodes.Uuid}/deploy_ramdisk ", config, StringComparison.Ordinal);
        Assert.Equal("kernel", await File.ReadAllTextAsync(Path.Combine(services.TftpRoot, Nodes.Uuid, "deploy_kernel")));
        Assert.Equal("ramdisk", await File.ReadAllTextAsync(Path.Combine(services.TftpRoot, Nodes.Uuid, "deploy_ramdisk")));
    }

    [Fact]
    public async Task PrepareRamdisk_LocalImageMissing_NamesItAndWritesNoConfig()
    {
        var node = Nodes.Node();
        node.DriverInfo["deploy_kernel"] = "/nonexistent/ipa.kernel";
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default));

        Assert.Equal($"The deploy_kernel image /nonexistent/ipa.kernel of node {Nodes.Uuid} does not exist on conductor {services.Host}.", e.Message);
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task PrepareRamdisk_WhileRescuing_BootsTheRescueRamdisk()
    {
        var node = Nodes.Node(bootMode: "bios", provisionState: ProvisionState.Rescuing);
        node.DriverInfo["rescue_kernel"] = "http://images.example/rescue.kernel";
        node.DriverInfo["rescue_ramdisk"] = "http://images.example/rescue.initramfs";
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.Contains("label deploy\nkernel http://images.example/rescue.kernel\nappend initrd=http://images.example/rescue.initramfs ",
            config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareRamdisk_WhileRescuingWithoutRescueImages_ListsThem()
    {
        var task = Nodes.PxeTask(services, Nodes.Node(provisionState: ProvisionState.Rescuing));

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default));

        Assert.EndsWith("Missing are: ['rescue_kernel', 'rescue_ramdisk']", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareRamdisk_KernelAppendParams_DriverInfoOverridesConfigurationWithDefaultPlaceholder()
    {
        using var configured = new TestDriverServices(("pxe.kernel_append_params", "console=ttyS0"));
        var node = Nodes.Node(bootMode: "bios");
        node.DriverInfo["kernel_append_params"] = "%default% ipa-debug=1";
        var task = Nodes.PxeTask(configured, node);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        var config = await File.ReadAllTextAsync(Path.Combine(configured.TftpRoot, Nodes.Uuid, "config"));
        Assert.Contains("selinux=0 troubleshoot=0 text console=ttyS0 ipa-debug=1\n", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareRamdisk_ConfiguredTftpRoot_IsUsed()
    {
        var root = Path.Combine(services.StatePath, "elsewhere");
        using var configured = new TestDriverServices(("pxe.tftp_root", root));
        var task = Nodes.PxeTask(configured);

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.True(File.Exists(Path.Combine(root, Nodes.Uuid, "config")));
        Assert.False(Directory.Exists(configured.TftpRoot));
    }

    [Fact]
    public async Task PrepareRamdisk_NodeAsksForBootMode_SetsItOnTheBmcWhenDifferent()
    {
        var task = Nodes.PxeTask(services, Nodes.Node(bootMode: "bios"));
        task.RecordingManagement.BootMode = BootMode.Uefi;

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.Equal([BootMode.Bios], task.RecordingManagement.BootModesSet);
    }

    [Fact]
    public async Task PrepareRamdisk_NoBootModeAsked_FollowsTheBmcsMode()
    {
        var task = Nodes.PxeTask(services);
        task.RecordingManagement.BootMode = BootMode.Bios;

        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);

        Assert.Empty(task.RecordingManagement.BootModesSet);
        Assert.StartsWith("default deploy\n", await File.ReadAllTextAsync(ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareInstance_RamdiskDeploy_SwitchesConfigToTheInstanceAndBootsPxePersistently()
    {
        var task = Nodes.PxeTask(services, Nodes.Node(bootMode: "bios"));
        task.Node.InstanceInfo["ramdisk_kernel_arguments"] = "console=ttyS1";

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        var config = await File.ReadAllTextAsync(ConfigPath);
        Assert.StartsWith("default boot_ramdisk\n", config, StringComparison.Ordinal);
        Assert.Contains("label boot_ramdisk\nkernel http://images.example/vmlinuz\n" +
            "append initrd=http://images.example/initrd.img root=/dev/ram0 text nofb nomodeset vga=normal console=ttyS1\n", config, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(services.TftpRoot, "pxelinux.cfg", "01-52-54-00-ab-cd-01")));
        Assert.Equal([(BootDevice.Pxe, true)], task.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task PrepareInstance_Uefi_SetsGrubDefaultToTheRamdiskEntry()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        Assert.StartsWith("set default=boot_ramdisk\n", await File.ReadAllTextAsync(ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareInstance_BootIsoInBiosMode_BootsItWithMemdisk()
    {
        var node = Nodes.Node(bootMode: "bios");
        node.InstanceInfo = new() { ["boot_iso"] = "http://images.example/live.iso" };
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        Assert.Contains("label boot_ramdisk\nkernel memdisk\nappend initrd=http://images.example/live.iso iso raw\n",
            await File.ReadAllTextAsync(ConfigPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareInstance_BootIsoInUefiMode_IsRefusedBeforeWritingAnything()
    {
        var node = Nodes.Node(bootMode: "uefi");
        node.InstanceInfo = new() { ["boot_iso"] = "http://images.example/live.iso" };
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => task.Driver.Boot.PrepareInstanceAsync(task, default));

        Assert.Equal($"Node {Nodes.Uuid} cannot boot instance_info boot_iso with the pxe boot interface in UEFI boot mode; use the ipxe boot interface.",
            e.Message);
        Assert.False(File.Exists(ConfigPath));
        Assert.Empty(task.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task PrepareInstance_DiskBootingDeploy_RemovesConfigAndBootsFromDiskPersistently()
    {
        var task = Nodes.PxeTask(services);
        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);
        var diskTask = new TestTaskContext(RecordingDriver.Create(task.Driver.Boot), Nodes.Node(deployInterface: "direct"), ports: [.. task.Ports]);

        await diskTask.Driver.Boot.PrepareInstanceAsync(diskTask, default);

        Assert.False(Directory.Exists(Path.Combine(services.TftpRoot, Nodes.Uuid)));
        Assert.False(File.Exists(Path.Combine(services.TftpRoot, "pxelinux.cfg", "01-52-54-00-ab-cd-01")));
        Assert.Equal([(BootDevice.Disk, true)], diskTask.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task PrepareInstance_ActiveNodeTakenOver_RewritesFilesWithoutTouchingTheBootDevice()
    {
        var task = Nodes.PxeTask(services, Nodes.Node(provisionState: ProvisionState.Active));

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        Assert.True(File.Exists(ConfigPath));
        Assert.Empty(task.RecordingManagement.BootDevices);
    }

    [Fact]
    public async Task CleanUpInstance_RemovesNodeDirectoryAndEveryMacLink()
    {
        var task = Nodes.PxeTask(services, null, Nodes.Port(), Nodes.Port(Nodes.Mac2));
        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        await task.Driver.Boot.CleanUpInstanceAsync(task, default);

        Assert.False(Directory.Exists(Path.Combine(services.TftpRoot, Nodes.Uuid)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(services.TftpRoot, "pxelinux.cfg")));
        Assert.Empty(Directory.EnumerateFiles(services.TftpRoot));
    }

    [Fact]
    public async Task CleanUpInstance_PortDeletedSincePrepare_ItsLinkGoesToo()
    {
        var task = Nodes.PxeTask(services, null, Nodes.Port(), Nodes.Port(Nodes.Mac2));
        await task.Driver.Boot.PrepareInstanceAsync(task, default);
        task.PortList.RemoveAt(1);

        await task.Driver.Boot.CleanUpInstanceAsync(task, default);

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(services.TftpRoot, "pxelinux.cfg")));
        Assert.Empty(Directory.EnumerateFiles(services.TftpRoot));
    }

    [Fact]
    public async Task PrepareInstance_PortReplacedSinceRamdiskBoot_MovesTheLinkToTheNewMac()
    {
        var task = Nodes.PxeTask(services);
        await task.Driver.Boot.PrepareRamdiskAsync(task, Nodes.NoParams, default);
        task.PortList[0] = Nodes.Port(Nodes.Mac2);

        await task.Driver.Boot.PrepareInstanceAsync(task, default);

        Assert.Equal(["01-52-54-00-ab-cd-02"], Directory.EnumerateFileSystemEntries(Path.Combine(services.TftpRoot, "pxelinux.cfg")).Select(Path.GetFileName));
        Assert.Equal(["grub.cfg-01-52-54-00-ab-cd-02", $"{Nodes.Mac2}.conf"],
            Directory.EnumerateFiles(services.TftpRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public async Task CleanUpInstance_MacNowBootingAnotherNode_LeavesThatNodesLink()
    {
        var task = Nodes.PxeTask(services);
        await task.Driver.Boot.PrepareInstanceAsync(task, default);
        var other = Nodes.Node();
        other.Uuid = "0b4c4a5e-9a8e-4d0e-9f7e-3c6b2f4f1a2b";
        var otherTask = new TestTaskContext(RecordingDriver.Create(task.Driver.Boot, task.Driver.Deploy), other, ports: [Nodes.Port()]);
        await otherTask.Driver.Boot.PrepareInstanceAsync(otherTask, default);

        await task.Driver.Boot.CleanUpInstanceAsync(task, default);

        var link = Path.Combine(services.TftpRoot, "pxelinux.cfg", "01-52-54-00-ab-cd-01");
        Assert.Equal($"../{other.Uuid}/config", new FileInfo(link).LinkTarget);
        Assert.True(File.Exists(link));
    }

    [Fact]
    public async Task CleanUpRamdisk_WithNothingWritten_Succeeds()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Boot.CleanUpRamdiskAsync(task, default);

        Assert.False(Directory.Exists(Path.Combine(services.TftpRoot, Nodes.Uuid)));
    }

    [Fact]
    public void Properties_ListDriverInfoKeysAsRequiredOrOptional()
    {
        var properties = new PxeBoot(services).GetProperties();

        Assert.EndsWith("Required.", properties["deploy_kernel"], StringComparison.Ordinal);
        Assert.EndsWith("Required.", properties["deploy_ramdisk"], StringComparison.Ordinal);
        Assert.EndsWith("Optional.", properties["kernel_append_params"], StringComparison.Ordinal);
        Assert.EndsWith("Optional.", properties["force_persistent_boot_device"], StringComparison.Ordinal);
        Assert.Contains("rescue_kernel", properties.Keys);
        Assert.Contains("rescue_ramdisk", properties.Keys);
    }
}
