using Ironic.Data;
using Microsoft.Data.Sqlite;

namespace Ironic.Testing;

/// <summary>
/// Closes the pooled connections of one SQLite database, so its file can be deleted. Never all pools: test
/// classes run side by side, and clearing another class's pool under its open commands breaks them.
/// </summary>
public static class SqlitePools
{
    /// <summary>Clears <paramref name="db"/>'s pool (a no-op for a database that is not SQLite).</summary>
    public static async Task ClearAsync(Database db)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var connection = await db.OpenAsync().ConfigureAwait(false);
        if (connection is SqliteConnection sqlite)
        {
            // The pool is keyed by connection string; a connection of this database names it.
            await sqlite.CloseAsync().ConfigureAwait(false);
            SqliteConnection.ClearPool(sqlite);
        }
    }
}
