using System.Text.Json.Nodes;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Tear-down (undeploy): the deploy interface tears the instance down, then automated cleaning makes the node available.</summary>
public sealed class TeardownFlow(FlowRunner flows, CleanFlow cleaning) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Delete];

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var node = task.Node;
        await task.Driver.Deploy.TearDownAsync(task, ct).ConfigureAwait(false);
        await task.Driver.Deploy.CleanUpAsync(task, ct).ConfigureAwait(false);
        node.InstanceInfo = [];
        node.InstanceUuid = null;
        flows.Move(task, ProvisionStateMachine.Next(Deleting, ProvisionEvent.Clean)!, Available);
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        await cleaning.StartAsync(task, cleaning.AutomatedPlan(task), manual: false, ct).ConfigureAwait(false);
    }
}
