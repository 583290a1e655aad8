using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>Deployment that writes nothing and finishes at once (Ironic's fake deploy).</summary>
[HardwareInterface("fake")]
public sealed class FakeDeploy : DeployInterface
{
    // Ironic's states.DELETED; the contract's ProvisionState has no constant for it.
    internal const string Deleted = "deleted";

    public override Task<string?> TearDownAsync(ITaskContext task, CancellationToken ct) => Task.FromResult<string?>(Deleted);

    /// <summary>The <c>deploy</c> deploy step (priority 100) every deploy interface in Ironic declares.</summary>
    [DeployStep(Priority = 100)]
    public Task<StepOutcome> DeployAsync(ITaskContext task, JsonObject args, CancellationToken ct) => Task.FromResult(StepOutcome.Done);
}
