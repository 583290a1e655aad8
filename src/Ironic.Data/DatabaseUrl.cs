using Ironic.Common.Config;

namespace Ironic.Data;

/// <summary>Parses SQLAlchemy-style connection URLs as they appear in <c>[database] connection</c>.</summary>
public sealed record DatabaseUrl(string Engine, string Target)
{
    public static DatabaseUrl Parse(string url)
    {
        const string Sqlite = "sqlite://";
        if (url.StartsWith(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var rest = url[Sqlite.Length..];
            if (rest.Length == 0 || rest == "/")
            {
                return new DatabaseUrl("sqlite", ":memory:");
            }

            // sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy reads them.
            var path = rest[1..];
            var query = path.IndexOf('?', StringComparison.Ordinal);
            return new DatabaseUrl("sqlite", query >= 0 ? path[..query] : path);
        }

        if (url.StartsWith("postgresql", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mysql", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigError(
                $"Invalid value '{Redact(url)}' for option [database] connection: this build supports sqlite:/// URLs only; " +
                "PostgreSQL support arrives with its own issue.");
        }

        throw new ConfigError(
            $"Invalid value '{Redact(url)}' for option [database] connection: expected a URL such as sqlite:////var/lib/ironic/ironic.sqlite.");
    }

    // A database URL may carry a password (scheme://user:password@host); never echo it.
    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 ? url[..(scheme + 3)] + "***" + url[at..] : url;
    }
}
