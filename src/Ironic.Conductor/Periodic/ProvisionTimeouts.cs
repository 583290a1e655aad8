using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Periodic;

/// <summary>
/// Fails nodes that waited too long for a callback (<c>clean wait</c>, <c>wait call-back</c>,
/// <c>inspect wait</c>, <c>rescue wait</c>), measured from <c>provision_updated_at</c> on the
/// conductor's clock. A node locked by other work is left for the next run.
/// </summary>
public sealed partial class ProvisionTimeouts(IronicStore store, TaskManager tasks, IronicOptions options, TimeProvider clock,
    ILogger<ProvisionTimeouts> log)
{
    /// <summary>Checks once; returns the nodes it failed.</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken ct)
    {
        var c = options.Conductor;
        var failed = new List<string>();
        foreach (var (state, seconds, what) in new[]
        {
            (CleanWait, c.CleanCallbackTimeout, "cleaning"), (DeployWait, c.DeployCallbackTimeout, "deploying"),
            (InspectWait, c.InspectWaitTimeout, "inspecting"), (RescueWait, c.RescueCallbackTimeout, "rescuing"),
        })
        {
            if (seconds <= 0)
            {
                continue;
            }

            var limit = clock.GetUtcNow() - TimeSpan.FromSeconds(seconds);
            var waiting = await store.Nodes.ListAsync(new ListQuery { Filters = [Filter.Eq("provision_state", state)], Limit = int.MaxValue }, ct)
                .ConfigureAwait(false);
            foreach (var node in waiting.Where(n => n.ProvisionUpdatedAt is { } t && t < limit))
            {
                try
                {
                    await using var task = await tasks.AcquireAsync(node.Uuid, $"timeout of {state}", ct: ct).ConfigureAwait(false);
                    if (task.Node.ProvisionState != state)
                    {
                        continue;
                    }

                    var error = $"Timeout reached while {what} the node: it waited in \"{state}\" for more than {seconds} s " +
                        "(see [conductor] timeouts). Check that the ramdisk on the node is running and can reach the API.";
                    if (state == CleanWait && await Provisioning.CleaningTearDown.TryAsync(task).ConfigureAwait(false) is { } failure)
                    {
                        error += $" Tearing down the cleaning environment also failed: {failure}";
                    }

                    Provisioning.ProvisionFailure.Apply(task.Node, ProvisionStateMachine.Next(state, ProvisionEvent.Fail)!, error, clock.GetUtcNow());
                    await task.SaveNodeAsync(ct).ConfigureAwait(false);
                    failed.Add(node.Uuid);
                    LogTimedOut(node.Uuid, state);
                }
                catch (NodeLocked)
                {
                    // Someone is working on it right now; the next run looks again.
                }
                catch (NodeNotFound)
                {
                }
            }
        }

        return failed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} timed out in {State}")]
    private partial void LogTimedOut(string node, string state);
}
