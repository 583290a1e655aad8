using System.Text.Json.Nodes;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Inspection: out-of-band inspection finishes at once; in-band inspection waits in <c>inspect wait</c> for the ramdisk.</summary>
public sealed class InspectFlow(FlowRunner flows) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Inspect];

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var inspected = await task.Driver.Inspect.InspectHardwareAsync(task, ct).ConfigureAwait(false);
        var waiting = inspected == InspectWait;
        task.Node.InspectionFinishedAt = waiting ? null : flows.Clock.GetUtcNow();
        await flows.FinishAsync(task, waiting ? ProvisionEvent.Wait : ProvisionEvent.Done, ct).ConfigureAwait(false);
    }
}
