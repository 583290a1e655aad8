namespace Ironic.Drivers.Agent;

/// <summary>The <c>[agent]</c> options the deploy interface uses, read when it is enabled.</summary>
internal sealed record AgentOptions(TimeSpan CommandTimeout, int MaxCommandAttempts, string ApiUrl)
{
    public static AgentOptions Read(IDriverConfig config) => new(
        TimeSpan.FromSeconds(config.Int("agent", "command_timeout", 60, min: 1)),
        config.Int("agent", "max_command_attempts", 3, min: 1),
        ApiUrlOf(config));

    // Where the agent finds the API (the ipa-api-url kernel parameter), as Ironic: the service catalog's
    // override, else the public endpoint, else the address the API listens on.
    private static string ApiUrlOf(IDriverConfig config) =>
        (config.OptionalString("service_catalog", "endpoint_override")
            ?? config.OptionalString("api", "public_endpoint")
            ?? $"http://{config.String("api", "host_ip", "127.0.0.1")}:{config.Int("api", "port", 6385)}").TrimEnd('/');
}
