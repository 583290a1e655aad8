using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Data;

/// <summary>
/// The database API (Ironic's <c>db.api.Connection</c>): one table object per resource, with unique
/// constraint violations turned into the conflicts Ironic reports.
/// </summary>
public sealed class IronicStore
{
    public IronicStore(Database db)
    {
        Database = db;
        Nodes = new Table<Node>(db, "nodes", n => n.Id, (n, id) => n.Id = id, new HashSet<string> { "conductor" },
            (column, n) => column switch
            {
                "name" => new DuplicateName(n.Name ?? ""),
                "uuid" => new Conflict($"A node with UUID {n.Uuid} already exists."),
                "instance_uuid" => new Conflict(
                    $"Instance {n.InstanceUuid} is already associated with a node, it cannot be associated with this other node {n.Uuid}"),
                _ => null,
            });
        Ports = new Table<Port>(db, "ports", p => p.Id, (p, id) => p.Id = id, new HashSet<string>(),
            (column, p) => column switch
            {
                "address" => new MacAlreadyExists(p.Address),
                "uuid" => new Conflict($"A port with UUID {p.Uuid} already exists."),
                "name" => new Conflict($"A port with name {p.Name} already exists."),
                _ => null,
            });
        Portgroups = new Table<Portgroup>(db, "portgroups", p => p.Id, (p, id) => p.Id = id, new HashSet<string>(),
            (column, p) => column switch
            {
                "name" => new Conflict($"A portgroup with name {p.Name} already exists."),
                "address" => new Conflict($"A portgroup with MAC address {p.Address} already exists."),
                "uuid" => new Conflict($"A portgroup with UUID {p.Uuid} already exists."),
                _ => null,
            });
        Chassis = new Table<Chassis>(db, "chassis", c => c.Id, (c, id) => c.Id = id, new HashSet<string>(),
            (column, c) => column == "uuid" ? new Conflict($"A chassis with UUID {c.Uuid} already exists.") : null);
        History = new Table<NodeHistoryEvent>(db, "node_history", e => e.Id, (e, id) => e.Id = id, new HashSet<string>(),
            (column, e) => column == "uuid" ? new Conflict($"A node history event with UUID {e.Uuid} already exists.") : null);
        BiosSettings = new BiosSettingStore(db);
        Inventories = new NodeInventoryStore(db);
        Reservations = new NodeReservations(db);
        Conductors = new ConductorRegistry(db);
    }

    public Database Database { get; }
    public Table<Node> Nodes { get; }
    public Table<Port> Ports { get; }
    public Table<Portgroup> Portgroups { get; }
    public Table<Chassis> Chassis { get; }
    public Table<NodeHistoryEvent> History { get; }
    public BiosSettingStore BiosSettings { get; }
    public NodeInventoryStore Inventories { get; }
    public NodeReservations Reservations { get; }
    public ConductorRegistry Conductors { get; }

    /// <summary>Deletes a node with its ports, portgroups, history, BIOS settings and inventory, all or nothing.</summary>
    public async Task DestroyNodeAsync(string nodeUuid, CancellationToken ct = default)
    {
        await using var c = await Database.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        foreach (var table in new[] { "ports", "portgroups", "node_history", "bios_settings", "node_inventory" })
        {
            await using var del = c.CreateCommand();
            del.Transaction = tx;
            del.CommandText = $"DELETE FROM {table} WHERE node_uuid = $u";
            Sql.Param(del, "$u", nodeUuid);
            await del.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = "DELETE FROM nodes WHERE uuid = $u";
            Sql.Param(cmd, "$u", nodeUuid);
            if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
            {
                throw new NodeNotFound(nodeUuid);
            }
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the oldest history events beyond <paramref name="maxPerNode"/> per node, sparing those
    /// newer than <paramref name="keepAfter"/>; at most <paramref name="batch"/> rows per call.
    /// </summary>
    public async Task<int> PruneHistoryAsync(int maxPerNode, DateTimeOffset keepAfter, int batch, CancellationToken ct = default)
    {
        await using var c = await Database.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            DELETE FROM node_history WHERE id IN (
                SELECT id FROM (
                    SELECT id, created_at, ROW_NUMBER() OVER (PARTITION BY node_uuid ORDER BY id DESC) AS newer
                    FROM node_history)
                WHERE newer > $max AND created_at < $keep
                LIMIT $batch)
            """;
        Sql.Param(cmd, "$max", maxPerNode);
        Sql.Param(cmd, "$keep", Sql.Timestamp(keepAfter));
        Sql.Param(cmd, "$batch", batch);
        return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
