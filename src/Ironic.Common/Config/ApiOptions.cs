namespace Ironic.Common.Config;

/// <summary>The <c>[api]</c> section.</summary>
public sealed class ApiOptions
{
    /// <summary>Listen address; Ironic defaults to 0.0.0.0, we to loopback so a first run exposes nothing.</summary>
    public string HostIp { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 6385;

    /// <summary>The most items a single list request returns.</summary>
    public int MaxLimit { get; init; } = 1000;

    /// <summary>Base URL used in links; by default taken from the request's Host header.</summary>
    public string? PublicEndpoint { get; init; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxRequestBodySize { get; init; } = 1024 * 1024;

    /// <summary>
    /// Largest body of a provision state change, in bytes: it may carry a config drive image (Ironic's
    /// <c>[api] max_json_body_size_provision</c>, in KiB there, 64 MiB by default, the most the agent writes).
    /// </summary>
    public int MaxProvisionBodySize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Seconds the agent may go between heartbeats (sent to it at lookup; Ironic's default 300).</summary>
    public int RamdiskHeartbeatTimeout { get; init; } = 300;

    /// <summary>Lookup finds only nodes in states that expect an agent (deploy wait, clean wait, ...).</summary>
    public bool RestrictLookup { get; init; } = true;

    /// <summary>Whether the agent's endpoints (lookup, heartbeat) answer at all (403 when off).</summary>
    public bool EnableRamdiskEndpoints { get; init; } = true;

    internal static ApiOptions Bind(ConfigSource s)
    {
        const string S = "api";
        var options = new ApiOptions
        {
            HostIp = s.String(S, "host_ip", "127.0.0.1"),
            Port = s.Int(S, "port", 6385, 0, 65535),
            MaxLimit = s.Int(S, "max_limit", 1000, 1),
            PublicEndpoint = s.OptionalString(S, "public_endpoint")?.TrimEnd('/'),
            MaxRequestBodySize = s.Int(S, "max_request_body_size", 1024 * 1024, 1024),
            MaxProvisionBodySize = s.Int(S, "max_json_body_size_provision", 64 * 1024, 4, int.MaxValue / 1024) * 1024,
            RamdiskHeartbeatTimeout = s.Int(S, "ramdisk_heartbeat_timeout", 300, 1),
            RestrictLookup = s.Bool(S, "restrict_lookup", true),
            EnableRamdiskEndpoints = s.Bool(S, "enable_ramdisk_endpoints", true),
        };
        // continue_inspection enrolling unknown machines is not built: refuse the option rather than ignore it.
        if (s.Bool("auto_discovery", "enabled", false))
        {
            throw new ConfigError("Invalid value for option [auto_discovery] enabled: auto-discovery of unknown nodes is not supported by this build; " +
                "enroll nodes (with a port for a MAC of theirs) before inspecting them.");
        }

        _ = s.Int(S, "api_workers", 1, 0);
        _ = s.Bool(S, "enable_ssl_api", false);
        return options;
    }
}
