using Ironic.Conductor.States;
using Ironic.Data;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// What a starting conductor does about nodes its previous run held mid-operation: each moves to the
/// failed state of its transient state (deploying → deploy failed, cleaning → clean failed, ...) with
/// last_error saying why, so no node is left locked or lost.
/// </summary>
internal static class Recovery
{
    public static async Task<IReadOnlyList<Node>> FailInterruptedAsync(IronicStore store, string host, DateTimeOffset now, bool journal, CancellationToken ct)
    {
        var held = await store.Nodes.ListAsync(new ListQuery { Filters = [Filter.Eq("reservation", host)], Limit = int.MaxValue }, ct)
            .ConfigureAwait(false);
        var failed = new List<Node>();
        foreach (var node in held)
        {
            var changed = new List<string>();
            if (node.ProvisionState is { } state && ProvisionStateMachine.FailedStateOf(state) is { } to)
            {
                ProvisionFailure.Apply(node, to,
                    $"Node was in provision state \"{state}\" when its conductor {host} stopped; the operation was interrupted. " +
                    "Check the node, then retry the operation.", now);
                changed.AddRange(ProvisionFailure.Fields);
                failed.Add(node);
            }

            if (node.TargetPowerState is not null)
            {
                node.TargetPowerState = null;
                changed.Add("target_power_state");
            }

            if (changed.Count > 0)
            {
                node.UpdatedAt = now;
                await store.Nodes.UpdateAsync(node, [.. changed, "updated_at"], ct).ConfigureAwait(false);
                if (journal && failed.Contains(node))
                {
                    await store.History.InsertAsync(Locking.NodeJournal.Event(node, host, now, "conductor", error: true, node.LastError!), ct).ConfigureAwait(false);
                }
            }
        }

        return failed;
    }
}
