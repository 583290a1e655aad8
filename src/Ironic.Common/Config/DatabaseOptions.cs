namespace Ironic.Common.Config;

/// <summary>The <c>[database]</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>SQLAlchemy-style URL: <c>sqlite:///path</c> (PostgreSQL URLs arrive with their issue).</summary>
    public required string Connection { get; init; }

    internal static DatabaseOptions Bind(ConfigSource s, DefaultOptions d)
    {
        const string S = "database";
        var fallback = "sqlite:///" + Path.Combine(d.StatePath, "ironic.sqlite");
        var options = new DatabaseOptions { Connection = s.String(S, "connection", fallback) };
        _ = s.Int(S, "max_pool_size", 5, 0);
        _ = s.Int(S, "max_retries", 10, -1);
        return options;
    }
}
