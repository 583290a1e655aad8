namespace Ironic.Drivers.Redfish;

/// <summary>
/// The <c>[redfish]</c> options the interfaces read once, when they are enabled (Ironic's names and
/// defaults), plus <c>[conductor] power_state_change_timeout</c> for waits the conductor does not bound.
/// </summary>
internal sealed record RedfishOptions
{
    /// <summary>How many times a GET (or a request that could not connect) is tried.</summary>
    public int ConnectionAttempts { get; init; } = 5;

    /// <summary>Pause before the first retry; later ones back off up to twice as long.</summary>
    public TimeSpan ConnectionRetryInterval { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How many BMC connections (sessions) are kept for reuse; 0 keeps none.</summary>
    public int ConnectionCacheSize { get; init; } = 1000;

    /// <summary>Default <c>redfish_auth_type</c>: basic, session or auto.</summary>
    public string AuthType { get; init; } = "auto";

    /// <summary>Default bound of waits for a power state, BIOS settings or a BMC task.</summary>
    public TimeSpan PowerStateChangeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Bound of one HTTP request to the BMC: a BMC that accepts and never answers cannot hang a worker.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static RedfishOptions Read(IDriverConfig c) => new()
    {
        ConnectionAttempts = c.Int("redfish", "connection_attempts", 5, min: 1),
        // Ironic's option is whole seconds; a float is accepted so tests can retry quickly.
        ConnectionRetryInterval = TimeSpan.FromSeconds(c.Float("redfish", "connection_retry_interval", 4, min: 0)),
        ConnectionCacheSize = c.Int("redfish", "connection_cache_size", 1000, min: 0),
        AuthType = c.Choice("redfish", "auth_type", "auto", "basic", "session", "auto"),
        PowerStateChangeTimeout = TimeSpan.FromSeconds(c.Int("conductor", "power_state_change_timeout", 60, min: 2)),
    };
}
