using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// A driver's report on an asynchronous step, with the step it was about as the node showed it then:
/// the wait state and the step's position in the plan. Continuing checks both, so a report that
/// arrives twice, or after an abort or timeout, matches nothing and is dropped.
/// </summary>
public sealed record StepReport(string NodeUuid, string? WaitState, int StepIndex, string Step, StepResult Result)
{
    internal static StepReport Of(Node node, StepResult result)
    {
        var deploy = node.ProvisionState == ProvisionState.DeployWait;
        var step = deploy ? node.DeployStep : node.CleanStep;
        var index = node.DriverInternalInfo[deploy ? "deploy_step_index" : "clean_step_index"]?.GetValue<int>() ?? -1;
        return new(node.Uuid, node.ProvisionState, index, Name(step), result);
    }

    /// <summary>True when <paramref name="node"/> still waits on the step this report is about.</summary>
    internal bool Matches(Node node) => Of(node, Result) == this;

    private static string Name(System.Text.Json.Nodes.JsonObject step) => $"{step["interface"]}.{step["step"]}";
}
