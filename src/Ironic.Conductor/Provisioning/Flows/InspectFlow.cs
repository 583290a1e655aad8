using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Inspection: out-of-band inspection finishes at once; in-band inspection waits in <c>inspect wait</c> for the ramdisk.</summary>
public sealed class InspectFlow(FlowRunner flows) : IProvisionFlow
{
    public IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Inspect];

    public Task<List<JsonObject>?> PrepareAsync(NodeTask task, ProvisionEvent @event, ProvisionArguments args, CancellationToken ct) =>
        Task.FromResult<List<JsonObject>?>(null);

    public async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var inspected = await task.Driver.Inspect.InspectHardwareAsync(task, ct).ConfigureAwait(false);
        var waiting = inspected == InspectWait;
        task.Node.InspectionFinishedAt = waiting ? null : flows.Clock.GetUtcNow();
        await flows.FinishAsync(task, waiting ? ProvisionEvent.Wait : ProvisionEvent.Done, ct).ConfigureAwait(false);
    }
}
