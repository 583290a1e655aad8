using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>
/// What every hardware interface offers (Ironic's <c>BaseInterface</c>): the properties it reads
/// from <c>driver_info</c>, validation, and the clean and deploy steps it declares by attribute.
/// </summary>
public abstract class BaseInterface
{
    private StepTable? steps;

    /// <summary>The interface kind, e.g. <c>power</c> (see <see cref="InterfaceKind"/>).</summary>
    public abstract string Kind { get; }

    private StepTable Steps => steps ??= StepTable.For(GetType(), Kind);

    /// <summary>
    /// The <c>driver_info</c> keys this interface reads, each with a description that says whether it
    /// is required or optional (shown by <c>GET /v1/drivers/{name}/properties</c>).
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> GetProperties() => new Dictionary<string, string>();

    /// <summary>
    /// Checks that the node has what this interface needs; throws <see cref="MissingParameterValue"/>
    /// or <see cref="InvalidParameterValue"/>. Runs inside API requests: keep it quick, no BMC calls.
    /// </summary>
    public virtual Task ValidateAsync(ITaskContext task, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Every clean step the interface declares (enabled or not), unordered.</summary>
    public virtual IReadOnlyList<StepInfo> GetCleanSteps(ITaskContext task) => Steps.CleanSteps;

    /// <summary>Every deploy step the interface declares, unordered.</summary>
    public virtual IReadOnlyList<StepInfo> GetDeploySteps(ITaskContext task) => Steps.DeploySteps;

    /// <summary>Runs a clean step: <see cref="StepOutcome.Wait"/> when it continues asynchronously.</summary>
    public virtual Task<StepOutcome> ExecuteCleanStepAsync(ITaskContext task, StepInfo step, JsonObject args, CancellationToken ct) =>
        Steps.InvokeAsync(this, step.Step, task, args, ct);

    /// <summary>Runs a deploy step, as <see cref="ExecuteCleanStepAsync"/>.</summary>
    public virtual Task<StepOutcome> ExecuteDeployStepAsync(ITaskContext task, StepInfo step, JsonObject args, CancellationToken ct) =>
        Steps.InvokeAsync(this, step.Step, task, args, ct);
}
