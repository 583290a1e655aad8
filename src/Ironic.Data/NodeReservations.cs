namespace Ironic.Data;

/// <summary>
/// The node lock as a database compare-and-set on <c>nodes.reservation</c>: a conductor holds a node
/// exclusively exactly while the column names it, whichever process or machine asks.
/// </summary>
public sealed class NodeReservations(Database db)
{
    /// <summary>
    /// Reserves the node for <paramref name="host"/> if nobody holds it. Returns null on success, or the
    /// current holder. Throws <see cref="NodeNotFound"/> when the node does not exist.
    /// </summary>
    public async Task<Reservation?> TryReserveAsync(string nodeUuid, string host, string purpose, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """
                UPDATE nodes SET reservation = $h, reservation_purpose = $p, reserved_at = $t
                WHERE uuid = $u AND reservation IS NULL
                """;
            Sql.Param(cmd, "$h", host);
            Sql.Param(cmd, "$p", purpose);
            Sql.Param(cmd, "$t", Sql.Timestamp(now));
            Sql.Param(cmd, "$u", nodeUuid);
            if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
            {
                return null;
            }
        }

        await using var q = c.CreateCommand();
        q.CommandText = "SELECT reservation, reservation_purpose, reserved_at FROM nodes WHERE uuid = $u";
        Sql.Param(q, "$u", nodeUuid);
        await using var r = await q.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false))
        {
            throw new NodeNotFound(nodeUuid);
        }

        // Released between our two statements: report a holder-less conflict; the caller retries.
        return new Reservation(
            r.IsDBNull(0) ? "" : r.GetString(0),
            r.IsDBNull(1) ? null : r.GetString(1),
            r.IsDBNull(2) ? null : Sql.ParseTimestamp(r.GetString(2)));
    }

    /// <summary>Releases the node if <paramref name="host"/> holds it; false when it did not.</summary>
    public async Task<bool> ReleaseAsync(string nodeUuid, string host, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            UPDATE nodes SET reservation = NULL, reservation_purpose = NULL, reserved_at = NULL
            WHERE uuid = $u AND reservation = $h
            """;
        Sql.Param(cmd, "$u", nodeUuid);
        Sql.Param(cmd, "$h", host);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Clears every reservation held by <paramref name="host"/>: the locks of a crashed predecessor.</summary>
    public async Task<IReadOnlyList<string>> ClearAllAsync(string host, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            UPDATE nodes SET reservation = NULL, reservation_purpose = NULL, reserved_at = NULL
            WHERE reservation = $h RETURNING uuid
            """;
        Sql.Param(cmd, "$h", host);
        var cleared = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            cleared.Add(r.GetString(0));
        }

        return cleared;
    }
}
