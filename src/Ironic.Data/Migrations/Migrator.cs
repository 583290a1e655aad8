using System.Data.Common;
using System.Globalization;

namespace Ironic.Data.Migrations;

/// <summary>Applies pending schema steps in order, each in its own transaction, recording them.</summary>
public sealed class Migrator(Database db)
{
    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => Schema.All[^1].Version;

    /// <summary>Applies every pending step; returns the versions applied (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> UpgradeAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await ExecAsync(c, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """, ct).ConfigureAwait(false);

        var current = await CurrentAsync(c, ct).ConfigureAwait(false);
        if (current > Latest)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {current}, newer than this build knows ({Latest}). " +
                "Run a newer ironic, or restore a matching database backup.");
        }

        var applied = new List<int>();
        foreach (var m in Schema.All.Where(m => m.Version > current))
        {
            await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
            await ExecAsync(c, tx, m.Sql, ct).ConfigureAwait(false);
            await using (var cmd = c.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($v, $n, $t)";
                Sql.Param(cmd, "$v", m.Version);
                Sql.Param(cmd, "$n", m.Name);
                Sql.Param(cmd, "$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await tx.CommitAsync(ct).ConfigureAwait(false);
            applied.Add(m.Version);
        }

        return applied;
    }

    /// <summary>The version the database is at (0 when empty).</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'";
        var exists = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        return exists ? await CurrentAsync(c, ct).ConfigureAwait(false) : 0;
    }

    private static async Task<int> CurrentAsync(DbConnection c, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecAsync(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
