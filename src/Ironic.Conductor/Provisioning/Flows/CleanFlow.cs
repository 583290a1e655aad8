using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Drivers;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>
/// Cleaning: automated (provide, and after tear-down) runs every enabled clean step by priority, with
/// <c>[conductor] clean_step_priority_override</c>; manual (clean) runs the operator's steps and ends in manageable.
/// </summary>
public sealed class CleanFlow(FlowRunner flows, StepRunner steps) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Provide, ProvisionEvent.Clean];

    public override Task<List<JsonObject>?> PrepareAsync(NodeTask task, ProvisionEvent @event, ProvisionArguments args, CancellationToken ct)
    {
        if (@event == ProvisionEvent.Provide)
        {
            return Task.FromResult<List<JsonObject>?>(AutomatedPlan(task));
        }

        if (args.CleanSteps is not { Count: > 0 } requested)
        {
            throw new InvalidParameterValue("clean_steps is required and must be a non-empty list when the target is clean.");
        }

        var plan = StepPlan.Manual(task, requested, deploy: false);
        if (args.DisableRamdisk == true)
        {
            // Read by deploy interfaces that would otherwise boot a ramdisk for the steps.
            task.Node.DriverInternalInfo["cleaning_disable_ramdisk"] = true;
        }

        return Task.FromResult<List<JsonObject>?>(plan);
    }

    public override Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        StepRunner.Start(task.Node, plan!, deploy: false, manual: @event == ProvisionEvent.Clean);
        return steps.RunAsync(task, deploy: false, 0, ct);
    }

    /// <summary>The automated clean steps of the node, or none when automated cleaning is off (globally or for the node).</summary>
    public List<JsonObject> AutomatedPlan(NodeTask task) =>
        flows.Options.Conductor.AutomatedClean && task.Node.AutomatedClean != false
            ? StepPlan.Automated(task, deploy: false, flows.Options.Conductor.CleanStepPriorityOverride)
            : [];
}
