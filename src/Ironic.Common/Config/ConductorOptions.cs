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
        };
    }
}
