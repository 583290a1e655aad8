using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ironic.Drivers;

namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>
/// A deploy interface whose deploy step starts a simulated job and waits; its periodic task ends the
/// step as <c>extra[job]</c> says: "done", "failed" (with <see cref="FailMessage"/>), "throw" (the task
/// throws) or anything else (still waiting). It records which nodes each pass called it for.
/// </summary>
[HardwareInterface("test-job-deploy")]
public sealed class JobDeploy : DeployInterface
{
    public const string FailMessage = "job JID_7 failed: the BMC rejected the image";

    public static ConcurrentQueue<string> Polled { get; } = new();

    public override Task<string?> TearDownAsync(ITaskContext task, CancellationToken ct) => Task.FromResult<string?>(null);

    [DeployStep(Priority = 90)]
    public Task<StepOutcome> StartJobAsync(ITaskContext task, JsonObject args, CancellationToken ct) => Task.FromResult(StepOutcome.Wait);

    [DriverPeriodicTask(60, ProvisionStates = [ProvisionState.DeployWait])]
    public Task PollJobAsync(ITaskContext task, CancellationToken ct)
    {
        Polled.Enqueue(task.Node.Uuid);
        switch (task.Node.Extra["job"]?.GetValue<string>())
        {
            case "done":
                task.ReportStep(StepResult.Done);
                break;
            case "failed":
                task.ReportStep(StepResult.Failed(FailMessage));
                break;
            case "throw":
                throw new InvalidOperationException("the job poll broke");
            default:
                task.ReportStep(StepResult.StillWaiting);
                break;
        }

        return Task.CompletedTask;
    }
}
