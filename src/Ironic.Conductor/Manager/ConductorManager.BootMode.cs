using Ironic.Common.Validation;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Manager;

/// <summary>
/// Boot mode and secure boot changes (Ironic's <c>change_node_boot_mode</c> / <c>change_node_secure_boot</c>),
/// and caching what the BMC reports (boot mode, secure boot, BIOS settings) on the node.
/// </summary>
public sealed partial class ConductorManager
{
    public Task ChangeNodeBootModeAsync(string nodeUuid, string mode, CancellationToken ct) =>
        ChangeBootSettingAsync(nodeUuid, "changing node boot mode", "boot mode", mode,
            (task, stop) => task.Driver.Management.SetBootModeAsync(task, mode, stop), ct);

    public Task ChangeNodeSecureBootAsync(string nodeUuid, bool enabled, CancellationToken ct) =>
        ChangeBootSettingAsync(nodeUuid, "changing node secure boot", "secure boot state", enabled ? "True" : "False",
            (task, stop) => task.Driver.Management.SetSecureBootStateAsync(task, enabled, stop), ct);

    private async Task ChangeBootSettingAsync(string nodeUuid, string purpose, string what, string target,
        Func<NodeTask, CancellationToken, Task> change, CancellationToken ct)
    {
        var task = await tasks.AcquireAsync(nodeUuid, purpose, ct: ct).ConfigureAwait(false);
        try
        {
            var node = task.Node;
            if (node.ProvisionState is { } state && !ProvisionStateMachine.StableStates.Contains(state))
            {
                throw new Conflict($"Node is in {state} state. Since node is transitioning, the {what} will not be set as this may " +
                    "interfere with ongoing changes and result in erroneous modification. Try again later.");
            }

            await task.Driver.Management.ValidateAsync(task, ct).ConfigureAwait(false);
            node.LastError = null;
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            await workers.HandOffAsync(task, $"{purpose} of node {nodeUuid}", async stop =>
            {
                try
                {
                    await change(task, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    node.LastError = $"Failed to change the {what} of node {node.Uuid} to {target}: {e.Message}";
                }

                await caches.CacheBootModeAsync(task, stop).ConfigureAwait(false);
                await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
                if (node.LastError is { } error)
                {
                    LogBootSettingFailed(node.Uuid, what, error);
                }
            }).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Changing the {What} of node {Node} failed: {Error}")]
    private partial void LogBootSettingFailed(string node, string what, string error);
}
