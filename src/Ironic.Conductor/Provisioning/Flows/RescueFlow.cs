using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Rescue and unrescue: the rescue interface boots the node into (or out of) its rescue ramdisk.</summary>
public sealed class RescueFlow(FlowRunner flows) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Rescue, ProvisionEvent.Unrescue];

    public override Task<List<JsonObject>?> PrepareAsync(NodeTask task, ProvisionEvent @event, ProvisionArguments args, CancellationToken ct)
    {
        if (@event == ProvisionEvent.Rescue && args.RescuePassword is { } password)
        {
            task.Node.InstanceInfo["rescue_password"] = password;
        }

        return Task.FromResult<List<JsonObject>?>(null);
    }

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        if (@event == ProvisionEvent.Rescue)
        {
            var rescued = await task.Driver.Rescue.RescueAsync(task, ct).ConfigureAwait(false);
            await flows.FinishAsync(task, rescued == RescueWait ? ProvisionEvent.Wait : ProvisionEvent.Done, ct).ConfigureAwait(false);
            return;
        }

        await task.Driver.Rescue.UnrescueAsync(task, ct).ConfigureAwait(false);
        task.Node.InstanceInfo.Remove("rescue_password");
        await flows.FinishAsync(task, ProvisionEvent.Done, ct).ConfigureAwait(false);
    }
}
