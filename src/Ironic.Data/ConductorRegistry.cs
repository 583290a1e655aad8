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

    /// <summary>Replaces what <paramref name="hostname"/> offers per hardware type and kind.</summary>
    public async Task RegisterHardwareInterfacesAsync(string hostname, IEnumerable<HardwareInterfaceRecord> rows, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var del = c.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM conductor_hardware_interfaces WHERE conductor_hostname = $h";
            Sql.Param(del, "$h", hostname);
            await del.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        foreach (var row in rows)
        {
            await using var ins = c.CreateCommand();
            ins.Transaction = tx;
            ins.CommandText = """
                INSERT INTO conductor_hardware_interfaces (conductor_hostname, hardware_type, interface_type, interface_name, is_default)
                VALUES ($h, $t, $k, $n, $d)
                """;
            Sql.Param(ins, "$h", hostname);
            Sql.Param(ins, "$t", row.HardwareType);
            Sql.Param(ins, "$k", row.InterfaceType);
            Sql.Param(ins, "$n", row.InterfaceName);
            Sql.Param(ins, "$d", row.IsDefault ? 1 : 0);
            await ins.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>What online conductors offer (for <c>/v1/drivers</c>).</summary>
    public async Task<IReadOnlyList<HardwareInterfaceRecord>> ListHardwareInterfacesAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT h.conductor_hostname, h.hardware_type, h.interface_type, h.interface_name, h.is_default
            FROM conductor_hardware_interfaces h JOIN conductors c ON c.hostname = h.conductor_hostname
            WHERE c.online = 1 ORDER BY h.id
            """;
        var list = new List<HardwareInterfaceRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new HardwareInterfaceRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0));
        }

        return list;
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
