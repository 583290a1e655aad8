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

    /// <summary>Handles a heartbeat from the deploy agent (<c>POST /v1/heartbeat/{node}</c>).</summary>
    public virtual Task HeartbeatAsync(ITaskContext task, string callbackUrl, CancellationToken ct) => Task.CompletedTask;
}
