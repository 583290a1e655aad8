using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Agent;

/// <summary>
/// Ironic's <c>direct</c> deploy: the node boots the deploy agent, which downloads the image and writes it
/// to the install disk. Its deploy steps: <c>deploy</c> (100) boots the agent and waits for its first
/// heartbeat; <c>write_image</c> (80) has the agent write the image and waits for the command to end;
/// <c>prepare_instance_boot</c> (60) reads the disk's identifiers and sets the node to boot from disk;
/// <c>tear_down_agent</c> (40) flushes the disk and powers off; <c>boot_instance</c> (20) powers on. Each
/// waiting step is ended at a heartbeat: the agent is polled, and the step reported done or failed. Cleaning runs
/// through the agent too (<see cref="AgentCleaning"/>); with <c>[deploy] fast_track</c> a running agent is reused.
/// </summary>
[HardwareInterface(Name)]
public sealed partial class DirectDeploy : DeployInterface
{
    public const string Name = "direct";

    // Ironic's provision state after tear down; the contract has no constant for it.
    private const string Deleted = "deleted";

    private readonly AgentOptions options;
    private readonly ILogger logger;
    private readonly AgentCleaning cleaning;
    private readonly TimeProvider clock;

    public DirectDeploy(IDriverServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        options = AgentOptions.Read(services.Config);
        logger = services.LoggerFactory.CreateLogger<DirectDeploy>();
        clock = services.Time;
        cleaning = new AgentCleaning(options, clock, logger);
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => new Dictionary<string, string>
    {
        ["deploy_forces_oob_reboot"] = "Whether to power the node off out of band after the image is written, instead of asking the agent to. Optional, default false.",
    };

    public override async Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        await task.Driver.Boot.ValidateAsync(task, ct).ConfigureAwait(false);
        if (task.Node.ProvisionState is ProvisionState.Available or ProvisionState.Deploying or ProvisionState.Active or ProvisionState.DeployFailed)
        {
            ImageInfo.Validate(task.Node.InstanceInfo, task.Node.Uuid);
        }
    }

    /// <summary>Powers off and prepares the boot of the agent (its ramdisk told where the API is).</summary>
    public override async Task PrepareAsync(ITaskContext task, CancellationToken ct)
    {
        if (task.Node.ProvisionState != ProvisionState.Deploying)
        {
            return;
        }

        ImageInfo.Validate(task.Node.InstanceInfo, task.Node.Uuid);
        if (await AgentCalls.IsFastTrackAsync(task, options, clock, ct).ConfigureAwait(false))
        {
            return;
        }

        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        await task.Driver.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = options.ApiUrl }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Boots the node into the agent; the step ends at the agent's first heartbeat. With fast track, the running
    /// agent's deploy steps are read and the step ends at once.
    /// </summary>
    [DeployStep(Priority = 100)]
    public async Task<StepOutcome> DeployAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        if (await AgentCalls.IsFastTrackAsync(task, options, clock, ct).ConfigureAwait(false))
        {
            LogFastTrack(logger, task.Node.Uuid);
            await RefreshDeployStepsAsync(task, ct).ConfigureAwait(false);
            return StepOutcome.Done;
        }

        await task.NodePowerActionAsync(PowerState.Rebooting, ct).ConfigureAwait(false);
        return StepOutcome.Wait;
    }

    /// <summary>Has the agent download and write the image (and the config drive) to its install device.</summary>
    [DeployStep(Priority = 80)]
    public async Task<StepOutcome> WriteImageAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        var step = new JsonObject
        {
            ["interface"] = "deploy",
            ["step"] = "write_image",
            ["args"] = new JsonObject
            {
                ["image_info"] = ImageInfo.Build(task.Node.InstanceInfo, task.Node.Uuid),
                ["configdrive"] = task.Node.InstanceInfo["configdrive"]?.DeepClone(),
            },
        };
        using var agent = AgentClient.For(task, options);
        await agent.ExecuteAsync("deploy.execute_deploy_step", new JsonObject
        {
            ["step"] = step,
            ["node"] = AgentCalls.Node(task),
            ["ports"] = new JsonArray(),
            // The agent refuses a step planned against other hardware managers than it runs.
            ["deploy_version"] = task.Node.DriverInternalInfo[AgentCalls.HardwareManagerVersion]?.DeepClone(),
        }, wait: false, ct).ConfigureAwait(false);
        LogCommandStarted(logger, task.Node.Uuid, "write_image");
        return StepOutcome.Wait;
    }

    /// <summary>Records the written disk's identifiers and makes the node boot from its disk.</summary>
    [DeployStep(Priority = 60)]
    public async Task<StepOutcome> PrepareInstanceBootAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        using var agent = AgentClient.For(task, options);
        var uuids = await agent.ExecuteAsync("standby.get_partition_uuids", [], wait: true, ct).ConfigureAwait(false);
        if (uuids["command_result"] is JsonObject ids && ids["root uuid"] is { } root)
        {
            task.Node.DriverInternalInfo["root_uuid_or_disk_id"] = root.DeepClone();
        }

        await task.Driver.Boot.PrepareInstanceAsync(task, ct).ConfigureAwait(false);
        if (task.Driver.Management.GetSupportedBootDevices(task).Contains(BootDevice.Disk))
        {
            await task.Driver.Management.SetBootDeviceAsync(task, BootDevice.Disk, persistent: true, ct).ConfigureAwait(false);
        }

        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    /// <summary>Flushes the agent's writes, then powers off: out of band when driver_info says so, else through the agent.</summary>
    [DeployStep(Priority = 40)]
    public async Task<StepOutcome> TearDownAgentAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        using var agent = AgentClient.For(task, options);
        await agent.ExecuteAsync("standby.sync", [], wait: true, ct).ConfigureAwait(false);
        if (task.Node.DriverInfo["deploy_forces_oob_reboot"]?.ToString() is not ("true" or "True"))
        {
            try
            {
                await agent.ExecuteAsync("standby.power_off", [], wait: false, ct).ConfigureAwait(false);
            }
            catch (AgentCommandFailed e)
            {
                // The agent may go down before it answers; power off out of band in any case below.
                LogInBandPowerOffFailed(logger, task.Node.Uuid, e.Message);
            }
        }

        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    /// <summary>Powers the node on into its instance.</summary>
    [DeployStep(Priority = 20)]
    public async Task<StepOutcome> BootInstanceAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        await task.NodePowerActionAsync(PowerState.On, ct).ConfigureAwait(false);
        LogDeployed(logger, task.Node.Uuid);
        return StepOutcome.Done;
    }

    /// <summary>
    /// At each heartbeat of a node waiting in <c>wait call-back</c>: the <c>deploy</c> step ends (the agent is
    /// up); the <c>write_image</c> step ends when the agent's command does, with its error if it failed.
    /// </summary>
    public override async Task HeartbeatAsync(ITaskContext task, string callbackUrl, CancellationToken ct)
    {
        if (task.Node.ProvisionState == ProvisionState.CleanWait)
        {
            await cleaning.HeartbeatAsync(task, ct).ConfigureAwait(false);
            return;
        }

        if (task.Node.ProvisionState != ProvisionState.DeployWait)
        {
            return;
        }

        switch (task.Node.DeployStep["step"]?.ToString())
        {
            case "deploy":
                // The agent is up: learn its hardware managers (and steps), then go on to write the image.
                await RefreshDeployStepsAsync(task, ct).ConfigureAwait(false);
                task.ReportStep(StepResult.Done);
                return;
            case "write_image":
                task.ReportStep(await AgentCalls.PollAsync(task, options, "execute_deploy_step", "deploy",
                    error => LogPollFailed(logger, task.Node.Uuid, error), ct).ConfigureAwait(false));
                return;
        }
    }

    /// <summary>Boots the agent for cleaning; the steps are planned once it heartbeats (see <see cref="AgentCleaning"/>).</summary>
    public override Task<StepOutcome> PrepareCleaningAsync(ITaskContext task, CancellationToken ct) => cleaning.PrepareAsync(task, ct);

    public override Task TearDownCleaningAsync(ITaskContext task, CancellationToken ct) => cleaning.TearDownAsync(task, ct);

    public override bool HasRamdiskSteps(ITaskContext task) => task.Node.DriverInternalInfo[AgentCleaning.CachedSteps] is null;

    /// <summary>The agent's clean steps, once it has told them.</summary>
    public override IReadOnlyList<StepInfo> GetCleanSteps(ITaskContext task) => [.. base.GetCleanSteps(task), .. cleaning.Steps(task)];

    public override Task<StepOutcome> ExecuteCleanStepAsync(ITaskContext task, StepInfo step, JsonObject args, CancellationToken ct) =>
        base.GetCleanSteps(task).Any(s => s.Step == step.Step)
            ? base.ExecuteCleanStepAsync(task, step, args, ct)
            : cleaning.ExecuteAsync(task, step, args, ct);

    private async Task RefreshDeployStepsAsync(ITaskContext task, CancellationToken ct)
    {
        using var agent = AgentClient.For(task, options);
        var steps = await agent.ExecuteAsync("deploy.get_deploy_steps",
            new JsonObject { ["node"] = AgentCalls.Node(task), ["ports"] = new JsonArray() }, wait: true, ct).ConfigureAwait(false);
        task.Node.DriverInternalInfo[AgentCalls.HardwareManagerVersion] = steps["command_result"]?["hardware_manager_version"]?.DeepClone();
        task.Node.DriverInternalInfo["agent_cached_deploy_steps"] = steps["command_result"]?["deploy_steps"]?.DeepClone();
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public override async Task<string?> TearDownAsync(ITaskContext task, CancellationToken ct)
    {
        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        await task.Driver.Boot.CleanUpInstanceAsync(task, ct).ConfigureAwait(false);
        task.Node.DriverInternalInfo.Remove("root_uuid_or_disk_id");
        task.Node.DriverInternalInfo.Remove(AgentCalls.HardwareManagerVersion);
        task.Node.DriverInternalInfo.Remove("agent_cached_deploy_steps");
        return Deleted;
    }

    public override async Task CleanUpAsync(ITaskContext task, CancellationToken ct) =>
        await task.Driver.Boot.CleanUpRamdiskAsync(task, ct).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: fast track, deploying with the agent already running")]
    private static partial void LogFastTrack(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: agent command {Command} started")]
    private static partial void LogCommandStarted(ILogger logger, string node, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment of node {Node} through the agent done")]
    private static partial void LogDeployed(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: polling the agent failed ({Error}); trying again at the next heartbeat")]
    private static partial void LogPollFailed(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: in-band power off failed ({Error}); powering off out of band")]
    private static partial void LogInBandPowerOffFailed(ILogger logger, string node, string error);
}
