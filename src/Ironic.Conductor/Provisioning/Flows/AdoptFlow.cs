using System.Text.Json.Nodes;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Adoption: a node already running an instance becomes active without deploying, once its deploy and power settings check out.</summary>
public sealed class AdoptFlow(FlowRunner flows) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Adopt];

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var driver = task.Driver;
        await driver.Deploy.ValidateAsync(task, ct).ConfigureAwait(false);
        await driver.Power.ValidateAsync(task, ct).ConfigureAwait(false);
        task.Node.PowerState = await driver.Power.GetPowerStateAsync(task, ct).ConfigureAwait(false);
        await flows.FinishAsync(task, ProvisionEvent.Done, ct).ConfigureAwait(false);
    }
}
