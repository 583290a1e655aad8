using System.Text.Json.Nodes;

namespace Ironic.Data;

/// <summary>
/// The BIOS settings cached per node (Ironic's <c>bios_settings</c>): what the BMC last reported, replaced
/// as a whole on every refresh. The registry fields (type, bounds, allowed values, ...) are kept as one
/// JSON object beside the name and value, as drivers report them.
/// </summary>
public sealed class BiosSettingStore(Database db)
{
    /// <summary>Replaces the node's settings with <paramref name="settings"/> (objects with at least <c>name</c>).</summary>
    public async Task ReplaceAsync(string nodeUuid, IEnumerable<JsonObject> settings, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        var existing = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var read = c.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT name, created_at FROM bios_settings WHERE node_uuid = $n";
            Sql.Param(read, "$n", nodeUuid);
            await using var r = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                existing[r.GetString(0)] = r.GetString(1);
            }
        }

        await using (var del = c.CreateCommand())
        {
            del.Transaction = tx;
            del.CommandText = "DELETE FROM bios_settings WHERE node_uuid = $n";
            Sql.Param(del, "$n", nodeUuid);
            await del.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var stamp = Sql.Timestamp(now);
        foreach (var setting in settings)
        {
            if (setting["name"]?.GetValue<string>() is not { Length: > 0 } name)
            {
                continue;
            }

            var registry = new JsonObject();
            foreach (var (key, value) in setting)
            {
                if (key is not ("name" or "value"))
                {
                    registry[key] = value?.DeepClone();
                }
            }

            await using var ins = c.CreateCommand();
            ins.Transaction = tx;
            ins.CommandText = """
                INSERT INTO bios_settings (node_uuid, name, value, registry, created_at, updated_at)
                VALUES ($n, $name, $value, $registry, $created, $updated)
                """;
            Sql.Param(ins, "$n", nodeUuid);
            Sql.Param(ins, "$name", name);
            Sql.Param(ins, "$value", setting["value"] is { } v ? (v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) : null);
            Sql.Param(ins, "$registry", registry.Count > 0 ? registry.ToJsonString() : null);
            var known = existing.TryGetValue(name, out var created);
            Sql.Param(ins, "$created", known ? created : stamp);
            Sql.Param(ins, "$updated", known ? stamp : null);
            await ins.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The node's settings sorted by name, optionally just one.</summary>
    public async Task<IReadOnlyList<BiosSetting>> ListAsync(string nodeUuid, string? name = null, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name, value, registry, created_at, updated_at FROM bios_settings WHERE node_uuid = $n"
            + (name is null ? "" : " AND name = $name") + " ORDER BY name";
        Sql.Param(cmd, "$n", nodeUuid);
        if (name is not null)
        {
            Sql.Param(cmd, "$name", name);
        }

        var list = new List<BiosSetting>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(new BiosSetting(
                r.GetString(0),
                r.IsDBNull(1) ? null : r.GetString(1),
                r.IsDBNull(2) ? [] : JsonNode.Parse(r.GetString(2))!.AsObject(),
                Sql.ParseTimestamp(r.GetString(3)),
                r.IsDBNull(4) ? null : Sql.ParseTimestamp(r.GetString(4))));
        }

        return list;
    }
}
