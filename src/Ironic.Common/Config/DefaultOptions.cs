namespace Ironic.Common.Config;

/// <summary>The <c>[DEFAULT]</c> section.</summary>
public sealed class DefaultOptions
{
    public string Host { get; init; } = Environment.MachineName;
    public string StatePath { get; init; } = Config.Defaults.StatePath;
    public string AuthStrategy { get; init; } = "noauth";
    public IReadOnlyList<string> EnabledHardwareTypes { get; init; } = ["fake-hardware", "manual-management"];
    public bool Debug { get; init; }
    public string? LogFile { get; init; }

    internal static DefaultOptions Bind(ConfigSource s)
    {
        const string S = "DEFAULT";
        var options = new DefaultOptions
        {
            Host = s.String(S, "host", Environment.MachineName),
            StatePath = s.String(S, "state_path", Config.Defaults.StatePath),
            // Running open when the operator asked for authentication would be worse than not starting.
            AuthStrategy = s.Choice(S, "auth_strategy", "noauth", "noauth"),
            EnabledHardwareTypes = s.List(S, "enabled_hardware_types", ["fake-hardware", "manual-management"]),
            Debug = s.Bool(S, "debug", false),
            LogFile = s.OptionalString(S, "log_file"),
        };

        // Known to oslo.config-based deployments; accepted so their files load, not used here.
        _ = s.OptionalString(S, "rpc_transport");
        _ = s.OptionalString(S, "log_dir");
        _ = s.Bool(S, "use_stderr", true);
        return options;
    }
}
