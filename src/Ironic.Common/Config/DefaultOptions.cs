namespace Ironic.Common.Config;

/// <summary>The <c>[DEFAULT]</c> section.</summary>
public sealed class DefaultOptions
{
    public string Host { get; init; } = Environment.MachineName;
    public string StatePath { get; init; } = "";
    public string AuthStrategy { get; init; } = "noauth";
    public IReadOnlyList<string> EnabledHardwareTypes { get; init; } = ["fake-hardware", "manual-management"];
    /// <summary><c>enabled_&lt;kind&gt;_interfaces</c> per kind; null where not configured (defaults are computed).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>?> EnabledInterfaces { get; init; } = new Dictionary<string, IReadOnlyList<string>?>();

    /// <summary><c>default_&lt;kind&gt;_interface</c> per kind; null where not configured.</summary>
    public IReadOnlyDictionary<string, string?> DefaultInterfaces { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Where driver plugins are looked for (ours; Ironic uses Python entry points): the built-in plugins
    /// beside the executable always, then each directory of <c>plugin_dirs</c>.
    /// </summary>
    public IReadOnlyList<string> PluginDirs { get; init; } = [DefaultPluginDir];

    /// <summary>The built-in plugins beside the executable.</summary>
    public static string DefaultPluginDir => Path.Combine(AppContext.BaseDirectory, "plugins");

    public bool Debug { get; init; }
    public string? LogFile { get; init; }

    // The interface kinds of Ironic's enabled_/default_ options (the contract's InterfaceKind.All).
    private static readonly string[] Kinds =
        ["bios", "boot", "console", "deploy", "inspect", "management", "network", "power", "raid", "rescue", "storage", "vendor"];

    internal static DefaultOptions Bind(ConfigSource s)
    {
        const string S = "DEFAULT";
        var options = new DefaultOptions
        {
            Host = s.String(S, "host", Environment.MachineName),
            StatePath = s.String(S, "state_path", s.DefaultStatePath),
            // Running open when the operator asked for authentication would be worse than not starting.
            AuthStrategy = s.Choice(S, "auth_strategy", "noauth", "noauth"),
            EnabledHardwareTypes = s.List(S, "enabled_hardware_types", ["fake-hardware", "manual-management"])!,
            EnabledInterfaces = Kinds.ToDictionary(k => k, k => s.List(S, $"enabled_{k}_interfaces", null)),
            DefaultInterfaces = Kinds.ToDictionary(k => k, k => s.OptionalString(S, $"default_{k}_interface")),
            PluginDirs = [DefaultPluginDir, .. s.List(S, "plugin_dirs", [])!],
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
