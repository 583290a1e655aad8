using System.Text.Json.Nodes;

namespace Ironic.Drivers.Pxe.Tests;

public sealed class ValidationTests : IDisposable
{
    private readonly TestDriverServices services = new();

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task Validate_CompleteNode_Passes()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Boot.ValidateAsync(task, default);
        await task.Driver.Deploy.ValidateAsync(task, default);
    }

    [Fact]
    public async Task Validate_NoPorts_IsMissingParameter()
    {
        var task = Nodes.PxeTask(services);
        task.PortList.Clear();

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.Equal($"Node {Nodes.Uuid} does not have any port associated with it", e.Message);
    }

    [Fact]
    public async Task Validate_NoDeployKernelOrRamdisk_ListsBothAsIronicDoes()
    {
        var node = Nodes.Node(deployInterface: "direct");
        node.DriverInfo = [];
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.Equal("Cannot validate PXE bootloader. Some parameters were missing in node's driver_info and configuration. " +
            "Missing are: ['deploy_kernel', 'deploy_ramdisk']", e.Message);
    }

    [Fact]
    public async Task Validate_OnlyDeployRamdiskMissing_ListsIt()
    {
        var node = Nodes.Node(deployInterface: "direct");
        node.DriverInfo.Remove("deploy_ramdisk");
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.EndsWith("Missing are: ['deploy_ramdisk']", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DeployImagesFromConductorConfiguration_Pass()
    {
        using var configured = new TestDriverServices(("conductor.deploy_kernel", "http://x/k"), ("conductor.deploy_ramdisk", "http://x/r"));
        var node = Nodes.Node(deployInterface: "direct");
        node.DriverInfo = [];
        var task = Nodes.PxeTask(configured, node);

        await task.Driver.Boot.ValidateAsync(task, default);
    }

    [Fact]
    public async Task Validate_RamdiskDeployWithoutCleaning_NeedsNoDeployRamdisk()
    {
        var node = Nodes.Node();
        node.DriverInfo = [];
        node.AutomatedClean = false;
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.ValidateAsync(task, default);
    }

    [Fact]
    public async Task Validate_RamdiskDeployWithoutInstanceKernel_ListsWhatIsMissing()
    {
        var node = Nodes.Node();
        node.InstanceInfo = new JsonObject { ["ramdisk"] = "http://x/r" };
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => task.Driver.Deploy.ValidateAsync(task, default));

        Assert.Equal($"Cannot validate image information for node {Nodes.Uuid} because one or more parameters are missing from its " +
            "instance_info and insufficient information is present to boot from a remote volume. Missing are: ['kernel']", e.Message);
    }

    [Fact]
    public async Task Validate_RamdiskDeployWithBootIso_Passes()
    {
        var node = Nodes.Node(bootMode: "bios");
        node.InstanceInfo = new JsonObject { ["boot_iso"] = "http://x/live.iso" };
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Deploy.ValidateAsync(task, default);
    }

    [Fact]
    public async Task Validate_ImageSourceAndBootIso_AreRefused()
    {
        var node = Nodes.Node();
        node.InstanceInfo = new JsonObject { ["boot_iso"] = "http://x/live.iso", ["image_source"] = "http://x/disk.img" };
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.Equal("An 'image_source' and 'boot_iso' parameter may not be specified at the same time", e.Message);
    }

    [Fact]
    public async Task Validate_DiskBootingDeploy_DoesNotNeedInstanceKernel()
    {
        var node = Nodes.Node(deployInterface: "direct");
        node.InstanceInfo = [];
        var task = Nodes.PxeTask(services, node);

        await task.Driver.Boot.ValidateAsync(task, default);
    }

    [Theory]
    [InlineData("boot_mode:efi", "The parameter 'boot_mode' from properties/capabilities has an invalid value: 'efi'. Acceptable values are: bios, uefi.")]
    [InlineData("secure_boot:yes", "The parameter 'secure_boot' from properties/capabilities has an invalid value: 'yes'. Acceptable values are: true, false.")]
    public async Task Validate_BadCapability_NamesItAndTheAcceptableValues(string capabilities, string message)
    {
        var node = Nodes.Node();
        node.Properties["capabilities"] = capabilities;
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Validate_InstanceBootModeContradictingProperties_IsRefused()
    {
        var node = Nodes.Node(bootMode: "bios");
        node.InstanceInfo["capabilities"] = new JsonObject { ["boot_mode"] = "uefi" };
        var task = Nodes.PxeTask(services, node);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => task.Driver.Boot.ValidateAsync(task, default));

        Assert.Equal($"Node {Nodes.Uuid} boot mode uefi violates node properties/capabilities bios", e.Message);
    }

    [Fact]
    public async Task ValidateDeploy_WithBootInterfaceThatCannotBootARamdisk_IsRefused()
    {
        var node = Nodes.Node();
        node.BootInterface = "fake";
        var task = new TestTaskContext(RecordingDriver.Create(new NonRamdiskBoot(), new RamdiskDeploy(services)), node, ports: [Nodes.Port()]);

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => task.Driver.Deploy.ValidateAsync(task, default));

        Assert.StartsWith("Invalid configuration: The boot interface must have the `ramdisk_boot` capability.", e.Message, StringComparison.Ordinal);
    }

    private sealed class NonRamdiskBoot : BootInterface
    {
        public override Task PrepareRamdiskAsync(ITaskContext task, IReadOnlyDictionary<string, string> ramdiskParams, CancellationToken ct) => Task.CompletedTask;

        public override Task CleanUpRamdiskAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

        public override Task PrepareInstanceAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

        public override Task CleanUpInstanceAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;
    }
}
