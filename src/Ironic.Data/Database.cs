using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ironic.Data;

/// <summary>
/// The database: opens pooled connections and knows the engine. SQLite runs in WAL mode so API reads
/// never wait for the conductor's writes; every connection waits (busy timeout) rather than failing.
/// </summary>
public sealed class Database
{
    private readonly string connectionString;

    public Database(DatabaseUrl url)
    {
        Url = url;
        if (url.Target != ":memory:")
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(url.Target));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = url.Target,
            Mode = url.Target == ":memory:" ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Cache = url.Target == ":memory:" ? SqliteCacheMode.Shared : SqliteCacheMode.Default,
            Pooling = true,
            ForeignKeys = true,

            // Also how long a statement waits for a busy database before failing.
            DefaultTimeout = 30,
        }.ToString();

        using var c = new SqliteConnection(connectionString);
        c.Open();
        Execute(c, "PRAGMA journal_mode=WAL;");
    }

    public DatabaseUrl Url { get; }

    /// <summary>Opens a connection ready for use; dispose it to return it to the pool.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var c = new SqliteConnection(connectionString);
        try
        {
            await c.OpenAsync(ct).ConfigureAwait(false);

            // Per connection; with WAL, NORMAL loses nothing when the process crashes.
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL;";
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return c;
        }
        catch
        {
            await c.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
