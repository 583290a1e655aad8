using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.ConfigDrive;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Drivers;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Deployment and rebuild: the deploy interface prepares, then the deploy steps run (automated ones, then the user's).</summary>
public sealed class DeployFlow(StepRunner steps, TimeProvider clock) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Deploy, ProvisionEvent.Rebuild];

    public override async Task<List<JsonObject>?> PrepareAsync(NodeTask task, ProvisionEvent @event, ProvisionArguments args, CancellationToken ct)
    {
        // As Ironic's start_deploy: a node whose power or deploy (and so boot) settings are wrong is refused with 400, not failed.
        try
        {
            await task.Driver.Power.ValidateAsync(task, ct).ConfigureAwait(false);
            await task.Driver.Deploy.ValidateAsync(task, ct).ConfigureAwait(false);
        }
        catch (IronicException e) when (e.Code == 400)
        {
            throw new InvalidParameterValue($"Failed to deploy instance: Failed to validate deploy or power info for node {task.Node.Uuid}: {e.Message}");
        }

        var plan = StepPlan.Automated(task, deploy: true);
        if (args.DeploySteps is { Count: > 0 } user)
        {
            plan.AddRange(StepPlan.Manual(task, user, deploy: true));
        }

        // As Ironic's _store_configdrive (without Swift): the image, or the URL to one, goes to the agent from
        // instance_info; a JSON config drive is built into its image here, once. A rebuild without one keeps the last.
        if (args.ConfigDrive is { } configDrive)
        {
            task.Node.InstanceInfo["configdrive"] = configDrive is JsonObject source
                ? ConfigDriveBuilder.Build(source, task.Node.Uuid, task.Node.Name, clock.GetUtcNow())
                : configDrive.DeepClone();
        }

        return plan;
    }

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        await task.Driver.Deploy.PrepareAsync(task, ct).ConfigureAwait(false);
        StepRunner.Start(task.Node, plan!, deploy: true, manual: false);
        await steps.RunAsync(task, deploy: true, 0, ct).ConfigureAwait(false);
    }
}
