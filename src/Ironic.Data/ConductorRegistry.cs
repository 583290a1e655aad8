using System.Text.Json;

namespace Ironic.Data;

/// <summary>The <c>conductors</c> table: which conductors exist, their drivers, and their heartbeats.</summary>
public sealed class ConductorRegistry(Database db)
{
    /// <summary>Registers (or re-registers after a restart) a conductor as online.</summary>
    public async Task RegisterAsync(string hostname, IReadOnlyList<string> drivers, string group, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO conductors (hostname, drivers, online, conductor_group, created_at, updated_at)
            VALUES ($h, $d, 1, $g, $t, $t)
            ON CONFLICT (hostname) DO UPDATE SET drivers = $d, online = 1, conductor_group = $g, updated_at = $t
            """;
        Sql.Param(cmd, "$h", hostname);
        Sql.Param(cmd, "$d", JsonSerializer.Serialize(drivers));
        Sql.Param(cmd, "$g", group);
        Sql.Param(cmd, "$t", Sql.Timestamp(now));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Records a heartbeat.</summary>
    public async Task TouchAsync(string hostname, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE conductors SET updated_at = $t, online = 1 WHERE hostname = $h";
        Sql.Param(cmd, "$h", hostname);
        Sql.Param(cmd, "$t", Sql.Timestamp(now));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Marks a conductor offline at a clean shutdown.</summary>
    public async Task UnregisterAsync(string hostname, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE conductors SET online = 0 WHERE hostname = $h";
        Sql.Param(cmd, "$h", hostname);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Every conductor row.</summary>
    public async Task<IReadOnlyList<ConductorRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT hostname, drivers, online, conductor_group, created_at, updated_at FROM conductors ORDER BY id";
        var list = new List<ConductorRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new ConductorRecord(
                r.GetString(0),
                JsonSerializer.Deserialize<string[]>(r.IsDBNull(1) ? "[]" : r.GetString(1)) ?? [],
                r.GetInt64(2) != 0,
                r.GetString(3),
                Sql.ParseTimestamp(r.GetString(4)),
                r.IsDBNull(5) ? null : Sql.ParseTimestamp(r.GetString(5))));
        }

        return list;
    }
}
