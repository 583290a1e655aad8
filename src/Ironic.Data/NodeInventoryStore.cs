using System.Text.Json.Nodes;

namespace Ironic.Data;

/// <summary>
/// The inspection data per node (Ironic's <c>[inventory] data_backend = database</c>): the last inspection's
/// inventory and plugin data, replaced by the next one, deleted with the node.
/// </summary>
public sealed class NodeInventoryStore(Database db)
{
    /// <summary>Stores the node's inspection data, replacing what an earlier inspection stored.</summary>
    public async Task SaveAsync(string nodeUuid, JsonObject inventory, JsonObject pluginData, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            INSERT INTO node_inventory (node_uuid, inventory_data, plugin_data, created_at) VALUES ($n, $inventory, $plugin, $now)
            ON CONFLICT (node_uuid) DO UPDATE SET inventory_data = excluded.inventory_data, plugin_data = excluded.plugin_data,
                updated_at = excluded.created_at
            """;
        Sql.Param(cmd, "$n", nodeUuid);
        Sql.Param(cmd, "$inventory", inventory.ToJsonString());
        Sql.Param(cmd, "$plugin", pluginData.ToJsonString());
        Sql.Param(cmd, "$now", Sql.Timestamp(now));
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The node's inspection data, or null when none was stored.</summary>
    public async Task<NodeInventory?> GetAsync(string nodeUuid, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT inventory_data, plugin_data, created_at, updated_at FROM node_inventory WHERE node_uuid = $n";
        Sql.Param(cmd, "$n", nodeUuid);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new NodeInventory(
            JsonNode.Parse(r.GetString(0))!.AsObject(),
            r.IsDBNull(1) ? [] : JsonNode.Parse(r.GetString(1))!.AsObject(),
            Sql.ParseTimestamp(r.GetString(2)),
            r.IsDBNull(3) ? null : Sql.ParseTimestamp(r.GetString(3)));
    }
}
