namespace Ironic.Drivers;

/// <summary>
/// Deploying an image onto the node, and undoing it. The deployment itself is the interface's deploy steps
/// (<see cref="DeployStepAttribute"/>; Ironic's every deploy interface declares <c>deploy</c> at priority 100).
/// </summary>
public abstract class DeployInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Deploy;

    /// <summary>Tears the deployment down; returns the resulting provision state.</summary>
    public abstract Task<string?> TearDownAsync(ITaskContext task, CancellationToken ct);

    /// <summary>Prepares the environment before the deploy steps run; must be idempotent.</summary>
    public virtual Task PrepareAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Erases what <see cref="PrepareAsync"/> cached; idempotent, runs under a shared lock.</summary>
    public virtual Task CleanUpAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Prepares the node for cleaning before its clean steps are planned: an agent-based interface boots the
    /// ramdisk and answers <see cref="StepOutcome.Wait"/>; the steps are then planned (with the agent's own, see
    /// <see cref="HasRamdiskSteps"/>) once it reports <see cref="StepResult.Done"/> from a heartbeat. The default
    /// needs nothing and cleaning starts at once. Not called when the operator disabled the ramdisk.
    /// </summary>
    public virtual Task<StepOutcome> PrepareCleaningAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(StepOutcome.Done);

    /// <summary>Undoes <see cref="PrepareCleaningAsync"/> when cleaning ends, fails or is aborted; must not throw for a node it never prepared.</summary>
    public virtual Task TearDownCleaningAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// True while this interface's steps are only known from a ramdisk that has not reported them yet (an agent's
    /// steps before it first heartbeats): a manual step this interface cannot list now is checked again then.
    /// </summary>
    public virtual bool HasRamdiskSteps(ITaskContext task) => false;

    /// <summary>Handles a heartbeat from the deploy agent (<c>POST /v1/heartbeat/{node}</c>).</summary>
    public virtual Task HeartbeatAsync(ITaskContext task, string callbackUrl, CancellationToken ct) => Task.CompletedTask;
}
