using Ironic.Conductor.Locking;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// What the conductor reads from a node's hardware and keeps (Ironic's <c>node_cache_boot_mode</c> and
/// <c>cache_bios_settings</c>): after verification, after BIOS steps and after boot mode changes. A driver
/// that cannot tell, or a read that fails, leaves what was cached.
/// </summary>
public sealed partial class NodeCaches(IronicStore store, TimeProvider clock, ILogger<NodeCaches> log)
{
    /// <summary>Reads boot mode and secure boot into the node's fields; the caller saves.</summary>
    public async Task CacheBootModeAsync(NodeTask task, CancellationToken ct)
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

    /// <summary>Stores the BIOS settings the node's BIOS interface reports.</summary>
    public async Task CacheBiosSettingsAsync(NodeTask task, CancellationToken ct)
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not cache the {What} of node {Node}: {Reason}")]
    private partial void LogCacheFailed(string node, string what, string reason);
}
