namespace Ironic.Common.Config;

/// <summary>The <c>[conductor]</c> section.</summary>
public sealed class ConductorOptions
{
    /// <summary>Seconds between conductor heartbeats written to the <c>conductors</c> table.</summary>
    public int HeartbeatInterval { get; init; } = 10;

    /// <summary>Seconds after which a conductor that has not heartbeated is considered offline.</summary>
    public int HeartbeatTimeout { get; init; } = 60;

    /// <summary>Number of attempts to grab a node lock before answering 409 (at least one).</summary>
    public int NodeLockedRetryAttempts { get; init; } = 3;

    /// <summary>Seconds between lock attempts.</summary>
    public double NodeLockedRetryInterval { get; init; } = 1;

    /// <summary>Size of the conductor's worker pool for asynchronous work.</summary>
    public int WorkersPoolSize { get; init; } = 100;

    public string ConductorGroup { get; init; } = "";

    /// <summary>Clean nodes automatically on <c>provide</c> and after tear-down.</summary>
    public bool AutomatedClean { get; init; } = true;

    /// <summary>
    /// Priority overrides of automated clean steps, as Ironic's <c>clean_step_priority_override</c>:
    /// <c>interface.step:priority</c> items, e.g. <c>deploy.erase_devices:0</c> (0 disables a step).
    /// </summary>
    public IReadOnlyDictionary<string, int> CleanStepPriorityOverride { get; init; } = new Dictionary<string, int>();

    /// <summary>Seconds a node may wait in <c>clean wait</c> before it is failed (0: never).</summary>
    public int CleanCallbackTimeout { get; init; } = 1800;

    /// <summary>Seconds a node may wait in <c>wait call-back</c> before it is failed (0: never).</summary>
    public int DeployCallbackTimeout { get; init; } = 1800;

    /// <summary>Seconds a node may wait in <c>rescue wait</c> before it is failed (0: never).</summary>
    public int RescueCallbackTimeout { get; init; } = 1800;

    /// <summary>Seconds a node may stay in <c>inspect wait</c> before it is failed (Ironic's [inspector] timeout; 0: never).</summary>
    public int InspectWaitTimeout { get; init; } = 1800;

    /// <summary>Seconds between checks for nodes stuck in a wait state.</summary>
    public int CheckProvisionStateInterval { get; init; } = 60;

    /// <summary>Seconds between power state syncs (0 disables it).</summary>
    public int SyncPowerStateInterval { get; init; } = 60;

    /// <summary>Whether the power sync forces the recorded power state back onto the hardware.</summary>
    public bool ForcePowerStateDuringSync { get; init; } = true;

    /// <summary>Failed power reads in a row before a node is put into maintenance.</summary>
    public int PowerStateSyncMaxRetries { get; init; } = 3;

    /// <summary>How many nodes the power sync reads at once.</summary>
    public int SyncPowerStateWorkers { get; init; } = 8;

    /// <summary>Whether errors and state changes are journaled per node (<c>GET /v1/nodes/{node}/history</c>).</summary>
    public bool NodeHistory { get; init; } = true;

    /// <summary>History events kept per node by the clean-up (beyond <see cref="NodeHistoryMinimumDays"/>).</summary>
    public int NodeHistoryMaxEntries { get; init; } = 300;

    /// <summary>Seconds between history clean-ups (0 disables it).</summary>
    public int NodeHistoryCleanupInterval { get; init; } = 86400;

    /// <summary>Most history rows one clean-up removes.</summary>
    public int NodeHistoryCleanupBatchCount { get; init; } = 1000;

    /// <summary>Days of history always kept, whatever the count.</summary>
    public int NodeHistoryMinimumDays { get; init; }

    /// <summary>Seconds to wait for a node to reach a requested power state (Ironic's <c>power_state_change_timeout</c>).</summary>
    public int PowerStateChangeTimeout { get; init; } = 60;

    private static Dictionary<string, int> ParseOverrides(IReadOnlyList<string> items)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var colon = item.LastIndexOf(':');
            if (colon <= 0 || !item[..colon].Contains('.', StringComparison.Ordinal)
                || !int.TryParse(item[(colon + 1)..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var priority)
                || priority < 0)
            {
                throw new ConfigError($"Invalid value '{item}' in option [conductor] clean_step_priority_override: expected interface.step:priority, e.g. deploy.erase_devices:0.");
            }

            result[item[..colon]] = priority;
        }

        return result;
    }

    internal static ConductorOptions Bind(ConfigSource s)
    {
        const string S = "conductor";
        return new ConductorOptions
        {
            HeartbeatInterval = s.Int(S, "heartbeat_interval", 10, 1),
            HeartbeatTimeout = s.Int(S, "heartbeat_timeout", 60, 1),
            NodeLockedRetryAttempts = s.Int(S, "node_locked_retry_attempts", 3, 0),
            NodeLockedRetryInterval = s.Float(S, "node_locked_retry_interval", 1, 0),
            WorkersPoolSize = s.Int(S, "workers_pool_size", 100, 3),
            ConductorGroup = s.String(S, "conductor_group", "").ToLowerInvariant(),
            AutomatedClean = s.Bool(S, "automated_clean", true),
            CleanStepPriorityOverride = ParseOverrides(s.List(S, "clean_step_priority_override", []) ?? []),
            CleanCallbackTimeout = s.Int(S, "clean_callback_timeout", 1800, 0),
            DeployCallbackTimeout = s.Int(S, "deploy_callback_timeout", 1800, 0),
            RescueCallbackTimeout = s.Int(S, "rescue_callback_timeout", 1800, 0),
            InspectWaitTimeout = s.Int(S, "inspect_wait_timeout", 1800, 0),
            CheckProvisionStateInterval = s.Int(S, "check_provision_state_interval", 60, 1),
            SyncPowerStateInterval = s.Int(S, "sync_power_state_interval", 60, 0),
            ForcePowerStateDuringSync = s.Bool(S, "force_power_state_during_sync", true),
            PowerStateSyncMaxRetries = s.Int(S, "power_state_sync_max_retries", 3, 0),
            SyncPowerStateWorkers = s.Int(S, "sync_power_state_workers", 8, 1),
            NodeHistory = s.Bool(S, "node_history", true),
            NodeHistoryMaxEntries = s.Int(S, "node_history_max_entries", 300, 0),
            NodeHistoryCleanupInterval = s.Int(S, "node_history_cleanup_interval", 86400, 0),
            NodeHistoryCleanupBatchCount = s.Int(S, "node_history_cleanup_batch_count", 1000, 0),
            NodeHistoryMinimumDays = s.Int(S, "node_history_minimum_days", 0, 0),
            PowerStateChangeTimeout = s.Int(S, "power_state_change_timeout", 60, 2),
        };
    }
}
