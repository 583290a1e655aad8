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
            await HandToWorkerAsync(task, $"{purpose} of node {nodeUuid}", async stop =>
            {
                try
                {
                    await change(task, stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    node.LastError = Secrets.Scrub($"Failed to change the {what} of node {node.Uuid} to {target}: {e.Message}",
                        node.DriverInfo, node.InstanceInfo);
                    LogBootSettingFailed(node.Uuid, what, node.LastError);
                }

                await CacheBootModeAsync(task, stop).ConfigureAwait(false);
                await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Reads boot mode and secure boot into the node's fields (Ironic's <c>node_cache_boot_mode</c>); a driver
    /// that cannot tell leaves nulls, and a failing read changes nothing. The caller saves.
    /// </summary>
    private async Task CacheBootModeAsync(NodeTask task, CancellationToken ct)
    {
        var management = task.Driver.Management;
        try
        {
            task.Node.BootMode = await ReadOrNull(() => management.GetBootModeAsync(task, ct)).ConfigureAwait(false);
            task.Node.SecureBoot = await ReadOrNull(() => management.GetSecureBootStateAsync(task, ct)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCacheFailed(task.Node.Uuid, "boot mode", e.Message);
        }

        static async Task<T?> ReadOrNull<T>(Func<Task<T?>> read)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (UnsupportedDriverExtension)
            {
                return default;
            }
        }
    }

    /// <summary>Stores the BIOS settings the node's BIOS interface reports (Ironic's <c>cache_bios_settings</c>).</summary>
    private async Task CacheBiosSettingsAsync(NodeTask task, CancellationToken ct)
    {
        try
        {
            var settings = await task.Driver.Bios.CacheBiosSettingsAsync(task, ct).ConfigureAwait(false);
            await store.BiosSettings.ReplaceAsync(task.Node.Uuid, settings.OfType<System.Text.Json.Nodes.JsonObject>(), clock.GetUtcNow(), ct)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No BIOS interface (no-bios) or a BMC that cannot tell: the cache keeps what it had.
            LogCacheFailed(task.Node.Uuid, "BIOS settings", e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Changing the {What} of node {Node} failed: {Error}")]
    private partial void LogBootSettingFailed(string node, string what, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not cache the {What} of node {Node}: {Reason}")]
    private partial void LogCacheFailed(string node, string what, string reason);
}
