using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Drivers;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>
/// Cleaning: automated (provide, and after tear-down) runs every enabled clean step by priority, with
/// <c>[conductor] clean_step_priority_override</c>; manual (clean) runs the operator's steps and ends in manageable.
/// A deploy interface that cleans through an agent first boots it (<see cref="DeployInterface.PrepareCleaningAsync"/>):
/// the node waits in <c>clean wait</c> with no step until the agent is up, then the steps are planned with the agent's.
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

        // Steps an agent will offer cannot be checked before it runs; they are checked again once it is up.
        var plan = StepPlan.Manual(task, requested, deploy: false, deferRamdiskSteps: task.Driver.Deploy.HasRamdiskSteps(task));
        if (args.DisableRamdisk == true || plan.All(s => s["requires_ramdisk"]?.GetValue<bool>() == false))
        {
            // As Ironic: no ramdisk is booted when the operator says so, or when no step needs one.
            task.Node.DriverInternalInfo["cleaning_disable_ramdisk"] = true;
        }

        return Task.FromResult<List<JsonObject>?>(plan);
    }

    public override Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct) =>
        StartAsync(task, plan!, manual: @event == ProvisionEvent.Clean, ct);

    /// <summary>Starts cleaning a node already in <c>cleaning</c>: prepares the ramdisk where one is needed, then runs the steps.</summary>
    public async Task StartAsync(NodeTask task, List<JsonObject> plan, bool manual, CancellationToken ct)
    {
        var node = task.Node;
        StepRunner.Start(node, plan, deploy: false, manual);
        if (!manual && !AutomatedCleanEnabled(task))
        {
            // Nothing to prepare: the empty plan ends in available at once.
            node.DriverInternalInfo["cleaning_disable_ramdisk"] = true;
        }

        if (node.DriverInternalInfo["cleaning_disable_ramdisk"]?.GetValue<bool>() != true)
        {
            StepOutcome prepared;
            try
            {
                prepared = await task.Driver.Deploy.PrepareCleaningAsync(task, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await steps.FailCleaningAsync(task, $"Failed to prepare node {node.Uuid} for cleaning: {e.Message}").ConfigureAwait(false);
                return;
            }

            if (prepared == StepOutcome.Wait)
            {
                // No step yet: the deploy interface reports when its ramdisk is up, and the plan is made then.
                node.CleanStep = [];
                await flows.FinishAsync(task, ProvisionEvent.Wait, ct).ConfigureAwait(false);
                return;
            }
        }

        await steps.RunAsync(task, deploy: false, 0, ct).ConfigureAwait(false);
    }

    /// <summary>The automated clean steps of the node, or none when automated cleaning is off (globally or for the node).</summary>
    public List<JsonObject> AutomatedPlan(NodeTask task) =>
        AutomatedCleanEnabled(task) ? StepPlan.Automated(task, deploy: false, flows.Options.Conductor.CleanStepPriorityOverride) : [];

    // As Ironic: the node's own setting wins; unset, the configuration's.
    private bool AutomatedCleanEnabled(NodeTask task) => task.Node.AutomatedClean ?? flows.Options.Conductor.AutomatedClean;
}
