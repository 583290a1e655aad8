using System.Text.Json.Nodes;
using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>The redfish-virtual-media boot interface against the emulated BMC, with its ISO fetched over real HTTP.</summary>
public sealed class RedfishVirtualMediaBootTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task PrepareRamdisk_InsertsThePublishedIsoAndBootsFromCdOnce()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        bed.System.PowerState = "On";
        var task = bed.Task();

        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);

        var expectedUrl = $"{bed.Http.Url}/redfish/boot-{task.Node.Uuid}.iso";
        Assert.True(bed.Media.Inserted);
        Assert.Equal(expectedUrl, bed.Media.Image);
        Assert.Equal(("Cd", "Once"), (bed.System.BootTarget, bed.System.BootEnabled));
        // Powered off before the media changes, as Ironic; the deploy powers it on.
        Assert.Equal("Off", bed.System.PowerState);
        Assert.Equal(PowerState.Off, task.Node.PowerState);

        // What the BMC would fetch: the ISO, over HTTP, with the agent's parameters and boot_method=vmedia.
        var iso = Path.Combine(bed.Dir, "fetched.iso");
        await File.WriteAllBytesAsync(iso, await Http.GetByteArrayAsync(bed.Media.Image));
        Assert.Equal("CD001"u8.ToArray(), (await File.ReadAllBytesAsync(iso))[32769..32774]);
        Assert.Equal(await File.ReadAllBytesAsync(bed.Kernel), await File.ReadAllBytesAsync(await IsoReader.ExtractAsync(iso, "/vmlinuz")));
        var grub = await IsoReader.ReadTextAsync(iso, "/boot/grub/grub.cfg");
        Assert.Contains("'nofb' 'nomodeset' 'vga=normal' 'ipa-api-url=http://10.1.2.3:6385' 'boot_method=vmedia' --", grub, StringComparison.Ordinal);
        // The emulated system boots in UEFI, so the ISO is a UEFI one.
        Assert.Matches(@"El Torito boot img :\s+1\s+UEFI", await IsoReader.ElToritoAsync(iso));
    }

    [Fact]
    public async Task PrepareRamdisk_InLegacyBootMode_BuildsAnIsolinuxIsoWithTheKernelAppendParams()
    {
        await using var bed = await VirtualMediaBed.StartAsync(("redfish.kernel_append_params", "console=ttyS0"));
        bed.System.BootMode = "Legacy";
        var task = bed.Task(info => info["kernel_append_params"] = "%default% ipa-debug=1");

        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);

        var iso = Path.Combine(bed.Dir, "fetched.iso");
        await File.WriteAllBytesAsync(iso, await Http.GetByteArrayAsync(bed.Media.Image));
        var config = await IsoReader.ReadTextAsync(iso, "/isolinux/isolinux.cfg");
        Assert.Contains("append initrd=/initrd text console=ttyS0 ipa-debug=1 ipa-api-url=http://10.1.2.3:6385 boot_method=vmedia --", config, StringComparison.Ordinal);
        Assert.Equal(BootMode.Bios, task.Node.BootMode);
    }

    [Fact]
    public async Task PrepareRamdisk_EjectsInsertedMediaBeforeInserting()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        bed.Media.Image = "http://10.9.9.9/old.iso";
        bed.Media.Inserted = true;
        var task = bed.Task();

        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);

        Assert.Equal(1, bed.Media.Ejects);
        Assert.Equal($"{bed.Http.Url}/redfish/boot-{task.Node.Uuid}.iso", bed.Media.Image);
        var paths = bed.Emulator.Requests.Where(r => r.Method == "POST").Select(r => r.Path.Split('/')[^1]).ToList();
        Assert.Equal(["VirtualMedia.EjectMedia", "VirtualMedia.InsertMedia"], paths.Where(p => p.StartsWith("VirtualMedia.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PrepareRamdisk_ABmcThatWantsTheTransferProtocol_GetsItOnTheRetry()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        bed.Media.RequireTransferProtocolType = true;

        await bed.Boot.PrepareRamdiskAsync(bed.Task(), VirtualMediaBed.AgentParams, default);

        Assert.True(bed.Media.Inserted);
        Assert.Equal(2, bed.Media.InsertRequests.Count);
        Assert.Equal("HTTP", JsonNode.Parse(bed.Media.InsertRequests[1])!["TransferProtocolType"]!.ToString());
    }

    [Fact]
    public async Task PrepareRamdisk_TwiceWithNothingChanged_ReusesTheIso_AndRebuildsWhenTheParametersChange()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        var task = bed.Task();
        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);
        var published = bed.Boot.PublishedPath(task.Node);
        var first = File.GetLastWriteTimeUtc(published);

        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);
        Assert.Equal(first, File.GetLastWriteTimeUtc(published));
        Assert.Contains(bed.Services.Lines, l => l.Contains("Reusing the boot ISO", StringComparison.Ordinal));

        await bed.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = "http://10.7.7.7:6385" }, default);
        Assert.Contains("ipa-api-url=http://10.7.7.7:6385", await IsoReader.ReadTextAsync(published, "/boot/grub/grub.cfg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanUpRamdisk_PowersOffEjectsAndRemovesTheIso()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        var task = bed.Task();
        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);
        bed.System.PowerState = "On";
        var published = bed.Boot.PublishedPath(task.Node);
        Assert.True(File.Exists(published));

        await bed.Boot.CleanUpRamdiskAsync(task, default);

        Assert.False(bed.Media.Inserted);
        Assert.Null(bed.Media.Image);
        Assert.Equal("Off", bed.System.PowerState);
        Assert.False(File.Exists(published));
        Assert.False(Directory.Exists(bed.Boot.WorkDir(task.Node)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(published)!));
    }

    [Fact]
    public async Task PrepareInstance_EjectsAndBootsFromDiskPersistently()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        var task = bed.Task();
        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);

        await bed.Boot.PrepareInstanceAsync(task, default);

        Assert.False(bed.Media.Inserted);
        Assert.Equal(("Hdd", "Continuous"), (bed.System.BootTarget, bed.System.BootEnabled));
        Assert.False(File.Exists(bed.Boot.PublishedPath(task.Node)));
    }

    [Fact]
    public async Task CleanUpInstance_EjectsWhatIsInserted()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        bed.Media.Image = "http://10.9.9.9/left-over.iso";
        bed.Media.Inserted = true;

        await bed.Boot.CleanUpInstanceAsync(bed.Task(), default);

        Assert.False(bed.Media.Inserted);
        Assert.Equal(1, bed.Media.Ejects);
    }

    [Fact]
    public async Task PrepareRamdisk_OnABmcWithoutVirtualMedia_FailsClearly()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        bed.Emulator.VirtualMedia = null;
        var task = bed.Task();

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default));

        Assert.Equal(400, e.Code);
        Assert.Equal($"No suitable virtual media device found for node {task.Node.Uuid}: the managers of its system at {bed.Emulator.BaseUrl} " +
            "offer no virtual CD or DVD (Manager VirtualMedia).", e.Message);
        Assert.Equal("None", bed.System.BootTarget);
    }

    [Fact]
    public async Task PrepareRamdisk_WithAPrebuiltDeployIso_PublishesItAsItIs()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        var prebuilt = Path.Combine(bed.Dir, "ipa.iso");
        await File.WriteAllBytesAsync(prebuilt, [.. Enumerable.Range(0, 40_000).Select(i => (byte)(i % 5))]);
        var task = bed.Task(info =>
        {
            info.Remove("deploy_kernel");
            info.Remove("deploy_ramdisk");
            info["deploy_iso"] = "file://" + prebuilt;
        });

        await bed.Boot.PrepareRamdiskAsync(task, VirtualMediaBed.AgentParams, default);

        Assert.Equal(await File.ReadAllBytesAsync(prebuilt), await Http.GetByteArrayAsync(bed.Media.Image));
    }

    [Fact]
    public async Task PrepareRamdisk_WithANewlineInAParameter_RefusesBeforeTouchingTheBmc()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        var task = bed.Task();

        await Assert.ThrowsAsync<InvalidParameterValue>(() =>
            bed.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = "http://x\ninitrd /evil" }, default));

        Assert.Empty(bed.Media.InsertRequests);
        Assert.False(Directory.Exists(Path.Combine(bed.HttpRoot, "redfish")));
    }

    [Fact]
    public async Task Validate_WithoutKernelAndRamdisk_FailsAsIronic()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        var task = bed.Task(info => info.Remove("deploy_ramdisk"));

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => bed.Boot.ValidateAsync(task, default));

        Assert.Equal(400, e.Code);
        Assert.Equal("Error validating Redfish virtual media. Some parameters were missing in node's driver_info. Missing are: ['deploy_ramdisk']", e.Message);
        task.Node.DriverInfo.Remove("deploy_kernel");
        e = await Assert.ThrowsAsync<MissingParameterValue>(() => bed.Boot.ValidateAsync(task, default));
        Assert.EndsWith("Missing are: ['deploy_kernel', 'deploy_ramdisk']", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AcceptsKernelAndRamdisk_OrAnIso_AndRefusesAnImageServiceId()
    {
        await using var bed = await VirtualMediaBed.StartAsync();
        await bed.Boot.ValidateAsync(bed.Task(), default);
        await bed.Boot.ValidateAsync(bed.Task(info => { info.Remove("deploy_kernel"); info.Remove("deploy_ramdisk"); info["deploy_iso"] = "http://10.0.0.1/ipa.iso"; }), default);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() =>
            bed.Boot.ValidateAsync(bed.Task(info => info["deploy_kernel"] = "5e1b2b4c-0d8e-4a5e-9a6f-2f7e3c1d9b10"), default));
        Assert.Contains("driver_info/deploy_kernel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WithoutAnHttpUrl_SaysWhichOptionToSet()
    {
        await using var bed = await VirtualMediaBed.StartAsync(("deploy.http_url", ""));
        var task = bed.Task();

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => bed.Boot.ValidateAsync(task, default));

        Assert.Contains("[deploy] external_http_url or http_url", e.Message, StringComparison.Ordinal);
        task.Node.DriverInfo["external_http_url"] = "http://192.0.2.1:8080/";
        await bed.Boot.ValidateAsync(task, default);
    }
}
