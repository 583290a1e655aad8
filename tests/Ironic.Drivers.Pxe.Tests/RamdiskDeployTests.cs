using System.Text.Json.Nodes;

namespace Ironic.Drivers.Pxe.Tests;

public sealed class RamdiskDeployTests : IDisposable
{
    private readonly TestDriverServices services = new();

    public void Dispose() => services.Dispose();

    [Fact]
    public void DeployStep_IsDeclaredWithIronicsPriority()
    {
        var task = Nodes.PxeTask(services);

        var step = Assert.Single(task.Driver.Deploy.GetDeploySteps(task));

        Assert.Equal(("deploy", "deploy", 100), (step.Interface, step.Step, step.Priority));
    }

    [Fact]
    public async Task DeployStep_PowersOffPreparesInstanceBootAndPowersOn()
    {
        var task = Nodes.PxeTask(services);
        var step = task.Driver.Deploy.GetDeploySteps(task)[0];

        var outcome = await task.Driver.Deploy.ExecuteDeployStepAsync(task, step, [], default);

        Assert.Equal(StepOutcome.Done, outcome);
        Assert.Equal([PowerState.Off, PowerState.On], task.RecordingPower.Actions);
        Assert.Equal(PowerState.On, task.Node.PowerState);
        Assert.Equal([(BootDevice.Pxe, true)], task.RecordingManagement.BootDevices);
        Assert.StartsWith("set default=boot_ramdisk\n", await File.ReadAllTextAsync(Path.Combine(services.TftpRoot, Nodes.Uuid, "config")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_WhileDeploying_PowersOffAndAttachesVolumes()
    {
        var task = Nodes.PxeTask(services);

        await task.Driver.Deploy.PrepareAsync(task, default);

        Assert.Equal([PowerState.Off], task.RecordingPower.Actions);
        Assert.Equal(PowerState.Off, task.Node.PowerState);
        Assert.Equal(["network.validate", "storage.attach_volumes"], task.NetworkAndStorageCalls);
    }

    [Fact]
    public async Task TearDown_PowersOffRemovesInstanceFilesAndAnswersDeleted()
    {
        var task = Nodes.PxeTask(services);
        await ((RamdiskDeploy)task.Driver.Deploy).DeployAsync(task, [], default);
        task.Node.ProvisionState = ProvisionState.Deleting;

        var state = await task.Driver.Deploy.TearDownAsync(task, default);

        Assert.Equal("deleted", state);
        Assert.Equal(["network.configure_tenant_networks", "storage.detach_volumes", "network.unconfigure_tenant_networks"],
            task.NetworkAndStorageCalls);
        Assert.Equal(PowerState.Off, task.RecordingPower.Actions[^1]);
        Assert.False(Directory.Exists(Path.Combine(services.TftpRoot, Nodes.Uuid)));
        Assert.False(File.Exists(Path.Combine(services.TftpRoot, "pxelinux.cfg", "01-52-54-00-ab-cd-01")));
    }

    [Fact]
    public async Task Prepare_ActiveNode_RecreatesBootFiles_AsOnATakeOver()
    {
        var task = Nodes.PxeTask(services, Nodes.Node(provisionState: ProvisionState.Active));

        await task.Driver.Deploy.PrepareAsync(task, default);

        Assert.True(File.Exists(Path.Combine(services.TftpRoot, Nodes.Uuid, "config")));
        Assert.Empty(task.RecordingPower.Actions);
    }

    [Fact]
    public async Task Deploy_SecureBootRequested_TurnsItOnThroughManagement()
    {
        var node = Nodes.Node();
        node.InstanceInfo["capabilities"] = new JsonObject { ["secure_boot"] = "true" };
        var task = Nodes.PxeTask(services, node);

        await ((RamdiskDeploy)task.Driver.Deploy).DeployAsync(task, [], default);

        Assert.Equal([true], task.RecordingManagement.SecureBootStates);
    }
}
