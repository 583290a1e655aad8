namespace Ironic.Common.Config;

/// <summary>
/// Every option this service understands, bound once at start-up from <see cref="ConfigSource"/>.
/// Plain classes with Ironic's defaults (or ours where the issue asks for friendlier ones).
/// </summary>
public sealed class IronicOptions
{
    public required DefaultOptions Default { get; init; }
    public required ApiOptions Api { get; init; }
    public required DatabaseOptions Database { get; init; }
    public required ConductorOptions Conductor { get; init; }
    public required AgentOptions Agent { get; init; }
    public required DeployOptions Deploy { get; init; }

    /// <summary>The files the options came from, for messages.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>
    /// The raw options, for the sections plugins read themselves (<c>[ipmi]</c>, <c>[redfish]</c>, <c>[pxe]</c>).
    /// </summary>
    public required ConfigSource Source { get; init; }

    /// <summary>Options present in the files but unknown to this service and to the plugins created so far.</summary>
    public IReadOnlyList<string> Unknown => [.. Source.UnknownOptions()];

    /// <summary>Binds every section; throws <see cref="ConfigError"/> on a malformed known option.</summary>
    public static IronicOptions Load(IReadOnlyList<string> files, IReadOnlyDictionary<string, string>? environment = null)
    {
        var source = new ConfigSource(files, environment);
        var options = Bind(source);
        return new IronicOptions
        {
            Default = options.Default,
            Api = options.Api,
            Database = options.Database,
            Conductor = options.Conductor,
            Agent = options.Agent,
            Deploy = options.Deploy,
            Files = files,
            Source = source,
        };
    }

    /// <summary>Options with every default, as with no config file at all.</summary>
    public static IronicOptions Defaults(IReadOnlyDictionary<string, string>? environment = null) =>
        Load([], environment ?? new Dictionary<string, string>());

    private static IronicOptions Bind(ConfigSource s)
    {
        var d = DefaultOptions.Bind(s);
        return new IronicOptions
        {
            Source = s,
            Default = d,
            Api = ApiOptions.Bind(s),
            Database = DatabaseOptions.Bind(s, d),
            Conductor = ConductorOptions.Bind(s),
            Agent = AgentOptions.Bind(s, d),
            Deploy = DeployOptions.Bind(s),
        };
    }
}
