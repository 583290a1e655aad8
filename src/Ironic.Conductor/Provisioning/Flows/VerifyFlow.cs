using System.Text.Json.Nodes;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;

namespace Ironic.Conductor.Provisioning.Flows;

/// <summary>Verification (enroll → verifying → manageable): the BMC credentials must work; boot mode and BIOS settings are cached.</summary>
public sealed class VerifyFlow(FlowRunner flows, NodeCaches caches) : ProvisionFlow
{
    public override IReadOnlyList<ProvisionEvent> Events { get; } = [ProvisionEvent.Manage];

    public override async Task RunAsync(NodeTask task, ProvisionEvent @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var driver = task.Driver;
        await driver.Power.ValidateAsync(task, ct).ConfigureAwait(false);
        await driver.Management.ValidateAsync(task, ct).ConfigureAwait(false);
        task.Node.PowerState = await driver.Power.GetPowerStateAsync(task, ct).ConfigureAwait(false);
        await caches.CacheBootModeAsync(task, ct).ConfigureAwait(false);
        await caches.CacheBiosSettingsAsync(task, ct).ConfigureAwait(false);
        await flows.FinishAsync(task, ProvisionEvent.Done, ct).ConfigureAwait(false);
    }
}
