using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace MyDriver;

/// <summary>
/// Boot device without a BMC (kept in <c>driver_internal_info</c>), and the BIOS job example: the step
/// <c>apply_bios_settings</c> starts a job on the pretend BMC and returns <see cref="StepOutcome.Wait"/>, which
/// puts the node in <c>clean wait</c> (or <c>wait call-back</c> when deploying); the periodic task
/// <see cref="PollBiosJobsAsync"/> then finds the job finished and reports the step done or failed, and the
/// conductor carries on with the next step or fails the node.
/// </summary>
[HardwareInterface("my-driver")]
public sealed partial class MyVendorManagement(IDriverServices services) : ManagementInterface
{
    private const string BootDeviceKey = "my_driver_boot_device";
    private const string PersistentKey = "my_driver_boot_device_persistent";
    private const int DefaultPollInterval = 10;

    private const string BiosArgsInfo = """
        {
          "settings": {"description": "The BIOS settings to apply, as an object of name and value, e.g. {\"LogicalProc\": \"Enabled\"}.", "required": true},
          "seconds": {"description": "How long the pretend BMC's job runs, 0 to 3600 seconds. Default: job_duration of [my_driver].", "required": false},
          "fail": {"description": "true makes the pretend job fail, to try the failure path.", "required": false}
        }
        """;

    // Options are read once, when ironic starts: a malformed value stops start-up with the option's name.
    private readonly TimeSpan jobDuration = TimeSpan.FromSeconds(services.Config.Int("my_driver", "job_duration", 10, min: 0, max: 3600));

    // The conductor reads this one for the periodic task's SpacingOption; reading it here too checks it at start-up.
    private readonly int pollInterval = services.Config.Int("my_driver", "job_poll_interval", DefaultPollInterval, min: 0);

    // The clock ironic lends the plugin: tests of the plugin drive it instead of sleeping.
    private readonly TimeProvider clock = services.Time;

    private readonly ILogger log = services.LoggerFactory.CreateLogger<MyVendorManagement>();

    public override IReadOnlyDictionary<string, string> GetProperties() => MyVendorInfo.Properties;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        MyVendorInfo.Validate(task.Node);
        return Task.CompletedTask;
    }

    public override IReadOnlyList<string> GetSupportedBootDevices(ITaskContext task) => [BootDevice.Pxe, BootDevice.Disk];

    public override async Task SetBootDeviceAsync(ITaskContext task, string device, bool persistent, CancellationToken ct)
    {
        task.Node.DriverInternalInfo[BootDeviceKey] = device;
        task.Node.DriverInternalInfo[PersistentKey] = persistent;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    // Until a device is set the pretend BMC cannot tell, which the contract expresses as nulls.
    public override Task<BootDeviceInfo> GetBootDeviceAsync(ITaskContext task, CancellationToken ct)
    {
        var info = task.Node.DriverInternalInfo;
        return Task.FromResult(new BootDeviceInfo(info[BootDeviceKey]?.GetValue<string>(), info[PersistentKey]?.GetValue<bool>()));
    }

    /// <summary>
    /// Starts a BIOS job and leaves the node waiting for it. Priority 0: it runs only when asked for, in manual
    /// cleaning (<c>openstack baremetal node clean --clean-steps</c>) or in a deployment's <c>deploy_steps</c>
    /// (API 1.69). ironic refuses a request without the required <c>settings</c> with HTTP 400 before the node moves.
    /// </summary>
    [CleanStep(Priority = 0, Abortable = true, RequiresRamdisk = false, ArgsInfo = BiosArgsInfo)]
    [DeployStep(Priority = 0, ArgsInfo = BiosArgsInfo)]
    public async Task<StepOutcome> ApplyBiosSettingsAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        if (args["settings"] is not JsonObject settings || settings.Count == 0)
        {
            throw new InvalidParameterValue("Step apply_bios_settings needs 'settings', a non-empty object of BIOS setting names and values.");
        }

        var seconds = args["seconds"] is JsonValue s && s.GetValueKind() == JsonValueKind.Number ? s.GetValue<double>() : jobDuration.TotalSeconds;
        if (seconds is < 0 or > 3600)
        {
            throw new InvalidParameterValue($"Step apply_bios_settings: 'seconds' must be from 0 to 3600, not {seconds}.");
        }

        var fail = args["fail"] is JsonValue f && f.GetValueKind() == JsonValueKind.True;
        var job = new BiosJob($"JID_{Guid.NewGuid():N}"[..16], "apply_bios_settings", clock.GetUtcNow().AddSeconds(seconds), fail);
        job.Write(task.Node);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        LogJobStarted(task.Node.Uuid, job.Id, settings.Count, job.Due, pollInterval);
        return StepOutcome.Wait;
    }

    /// <summary>
    /// Polls the pretend BMC for the job of each node waiting on <c>apply_bios_settings</c>, every
    /// <c>job_poll_interval</c> seconds of <c>[my_driver]</c> (10 by default). Read-only, so a shared lock: the
    /// report is applied by the conductor after the lock is released.
    /// </summary>
    [DriverPeriodicTask(DefaultPollInterval, SpacingOption = "my_driver.job_poll_interval", ProvisionStates = [ProvisionState.CleanWait, ProvisionState.DeployWait])]
    public Task PollBiosJobsAsync(ITaskContext task, CancellationToken ct)
    {
        var node = task.Node;
        var current = node.ProvisionState == ProvisionState.CleanWait ? node.CleanStep : node.DeployStep;
        if (BiosJob.Read(node) is not { } job || (string?)current["step"] != job.Step || (string?)current["interface"] != InterfaceKind.Management)
        {
            // The node waits on something else (another interface's step, a ramdisk): not ours to report.
            return Task.CompletedTask;
        }

        if (clock.GetUtcNow() < job.Due)
        {
            return Task.CompletedTask;
        }

        if (job.Fail)
        {
            // The message lands in the node's last_error, after "Clean step management.apply_bios_settings failed on
            // node <uuid>: ": say what failed and what to do.
            task.ReportStep(StepResult.Failed(
                $"my-driver: BIOS job {job.Id} failed on the BMC (the step was asked to fail); check the BMC's job queue and run the step again."));
            return Task.CompletedTask;
        }

        LogJobDone(node.Uuid, job.Id);
        task.ReportStep(StepResult.Done);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: BIOS job {Job} started ({Count} settings), due at {Due}, polled every {Interval} s")]
    private partial void LogJobStarted(string node, string job, int count, DateTimeOffset due, int interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: BIOS job {Job} finished")]
    private partial void LogJobDone(string node, string job);
}
