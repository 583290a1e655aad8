namespace Ironic.Drivers.Agent;

/// <summary>
/// The <c>[agent]</c> options the deploy interface uses, read when it is enabled, and <c>[deploy]</c>'s erase
/// priorities (unset: the agent's own, 10 and 99, as Ironic) and fast track.
/// </summary>
internal sealed record AgentOptions(TimeSpan CommandTimeout, int MaxCommandAttempts, string ApiUrl,
    int? EraseDevicesPriority = null, int? EraseDevicesMetadataPriority = null, bool FastTrack = false, int FastTrackTimeout = 300)
{
    public static AgentOptions Read(IDriverConfig config) => new(
        TimeSpan.FromSeconds(config.Int("agent", "command_timeout", 60, min: 1)),
        config.Int("agent", "max_command_attempts", 3, min: 1),
        ApiUrlOf(config),
        OptionalPriority(config, "erase_devices_priority"),
        OptionalPriority(config, "erase_devices_metadata_priority"),
        config.Bool("deploy", "fast_track", false),
        config.Int("deploy", "fast_track_timeout", 300, min: 0, max: 300));

    private static int? OptionalPriority(IDriverConfig config, string key) =>
        config.OptionalString("deploy", key) is null ? null : config.Int("deploy", key, 0, min: 0);

    // Where the agent finds the API (the ipa-api-url kernel parameter), as Ironic: the service catalog's
    // override, else the public endpoint, else the address the API listens on.
    private static string ApiUrlOf(IDriverConfig config) =>
        (config.OptionalString("service_catalog", "endpoint_override")
            ?? config.OptionalString("api", "public_endpoint")
            ?? $"http://{config.String("api", "host_ip", "127.0.0.1")}:{config.Int("api", "port", 6385)}").TrimEnd('/');
}
