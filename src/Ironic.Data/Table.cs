using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Ironic.Common.Json;
using Ironic.Data.Mapping;
using Microsoft.Data.Sqlite;

namespace Ironic.Data;

/// <summary>
/// Generic storage of one resource type. Columns are the model's wire fields (read once from the JSON
/// contract), so a field is named in exactly one place; every value goes through parameters, and
/// column names only ever come from that table, never from a request.
/// </summary>
public sealed class Table<T>
    where T : class, new()
{
    private readonly Database db;
    private readonly Func<T, long> getId;
    private readonly Action<T, long> setId;
    private readonly Func<string, T, Exception?> uniqueViolation;
    private readonly Dictionary<string, Column> byName;
    private readonly string selectList;

    internal Table(Database db, string name, Func<T, long> getId, Action<T, long> setId,
        IReadOnlySet<string> computed, Func<string, T, Exception?> uniqueViolation)
    {
        this.db = db;
        Name = name;
        this.getId = getId;
        this.setId = setId;
        this.uniqueViolation = uniqueViolation;
        var info = IronicJson.Options.GetTypeInfo(typeof(T));
        Columns = [.. info.Properties.Where(p => p.Get is not null && !computed.Contains(p.Name)).Select(ToColumn)];
        byName = Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        selectList = "id, " + string.Join(", ", Columns.Select(c => c.Name));
    }

    public string Name { get; }

    internal IReadOnlyList<Column> Columns { get; }

    /// <summary>True when <paramref name="column"/> is stored (and so can be sorted or filtered on).</summary>
    public bool HasColumn(string column) => column == "id" || byName.ContainsKey(column);

    public async Task<T?> GetAsync(string column, object value, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {selectList} FROM {Name} WHERE {Checked(column)} = $v";
        Sql.Param(cmd, "$v", ValueConverter.ToDb(value));
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? Read(r) : null;
    }

    public async Task<IReadOnlyList<T>> ListAsync(ListQuery q, CancellationToken ct = default)
    {
        var list = new List<T>(Math.Min(q.Limit, 1024));
        await foreach (var item in StreamAsync(q, ct).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>
    /// The rows <see cref="ListAsync"/> returns, one at a time as they are read: a caller that writes each
    /// one out keeps a single row alive instead of a whole page (the connection stays open meanwhile).
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync(ListQuery q, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var sort = Checked(q.SortKey);
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        var where = new StringBuilder();
        AppendFilters(cmd, q.Filters, where);

        if (q.MarkerUuid is not null)
        {
            AppendMarker(cmd, sort, q.Descending, q.MarkerUuid, where);
        }

        var dir = q.Descending ? "DESC NULLS LAST" : "ASC NULLS FIRST";
        var order = sort == "id" ? $"id {dir}" : $"{sort} {dir}, id {dir}";
        cmd.CommandText = $"SELECT {selectList} FROM {Name}{where} ORDER BY {order} LIMIT $limit";
        Sql.Param(cmd, "$limit", q.Limit);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return Read(r);
        }
    }

    public async Task<long> CountAsync(IReadOnlyList<Filter> filters, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        var where = new StringBuilder();
        AppendFilters(cmd, filters, where);
        cmd.CommandText = $"SELECT count(*) FROM {Name}{where}";
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    public async Task<T> InsertAsync(T obj, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        var names = string.Join(", ", Columns.Select(col => col.Name));
        var values = string.Join(", ", Columns.Select((_, i) => "$p" + i));
        cmd.CommandText = $"INSERT INTO {Name} ({names}) VALUES ({values}) RETURNING id";
        for (var i = 0; i < Columns.Count; i++)
        {
            Sql.Param(cmd, "$p" + i, ValueConverter.ToDb(Columns[i].Get(obj)));
        }

        try
        {
            setId(obj, (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!);
        }
        catch (SqliteException e) when (UniqueColumn(e) is { } column && uniqueViolation(column, obj) is { } mapped)
        {
            throw mapped;
        }
        catch (SqliteException e) when (IsForeignKeyViolation(e))
        {
            throw MissingReference();
        }

        return obj;
    }

    /// <summary>Writes the given columns of <paramref name="obj"/>; returns false when the row is gone.</summary>
    public Task<bool> UpdateAsync(T obj, IEnumerable<string> columns, CancellationToken ct = default) =>
        UpdateCoreAsync(obj, columns, checkVersion: false, null, ct);

    /// <summary>
    /// Writes the given columns only if the row's <c>updated_at</c> is still <paramref name="expectedUpdatedAt"/>
    /// (what the caller read): a compare-and-set that refuses to overwrite a concurrent change.
    /// Returns false when the row changed or is gone.
    /// </summary>
    public Task<bool> UpdateIfUnchangedAsync(T obj, IEnumerable<string> columns, DateTimeOffset? expectedUpdatedAt, CancellationToken ct = default) =>
        UpdateCoreAsync(obj, columns, checkVersion: true, expectedUpdatedAt, ct);

    private async Task<bool> UpdateCoreAsync(T obj, IEnumerable<string> columns, bool checkVersion, DateTimeOffset? expectedUpdatedAt, CancellationToken ct)
    {
        var set = columns.Select(Checked).Distinct().ToList();
        if (set.Count == 0)
        {
            return true;
        }

        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"UPDATE {Name} SET {string.Join(", ", set.Select((n, i) => $"{n} = $p{i}"))} WHERE id = $id" +
            (checkVersion ? " AND updated_at IS $expected" : "");
        if (checkVersion)
        {
            Sql.Param(cmd, "$expected", ValueConverter.ToDb(expectedUpdatedAt));
        }

        for (var i = 0; i < set.Count; i++)
        {
            Sql.Param(cmd, "$p" + i, ValueConverter.ToDb(byName[set[i]].Get(obj)));
        }

        Sql.Param(cmd, "$id", getId(obj));
        try
        {
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }
        catch (SqliteException e) when (UniqueColumn(e) is { } column && uniqueViolation(column, obj) is { } mapped)
        {
            throw mapped;
        }
        catch (SqliteException e) when (IsForeignKeyViolation(e))
        {
            throw MissingReference();
        }
    }

    public async Task<int> DeleteWhereAsync(string column, object value, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"DELETE FROM {Name} WHERE {Checked(column)} = $v";
        Sql.Param(cmd, "$v", ValueConverter.ToDb(value));
        try
        {
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (SqliteException e) when (IsForeignKeyViolation(e))
        {
            // Something was attached to it between the caller's check and this delete.
            throw new Conflict($"The {Name} row {value} is still referenced by another resource; remove that first, then retry.");
        }
    }

    private string Checked(string column) =>
        HasColumn(column) ? column : throw new ArgumentException($"{Name} has no column '{column}'.", nameof(column));

    private void AppendFilters(DbCommand cmd, IReadOnlyList<Filter> filters, StringBuilder where)
    {
        for (var i = 0; i < filters.Count; i++)
        {
            var f = filters[i];
            var col = Checked(f.Column);
            var p = "$f" + i;
            where.Append(where.Length == 0 ? " WHERE " : " AND ");
            switch (f.Op)
            {
                case FilterOp.IsNull:
                    where.Append(col).Append(" IS NULL");
                    continue;
                case FilterOp.IsNotNull:
                    where.Append(col).Append(" IS NOT NULL");
                    continue;
                case FilterOp.Equal:
                    where.Append(col).Append(" = ").Append(p);
                    break;
                case FilterOp.EqualIgnoreCase:
                    where.Append("lower(").Append(col).Append(") = lower(").Append(p).Append(')');
                    break;
                case FilterOp.Contains:
                    where.Append(col).Append(" LIKE '%' || ").Append(p).Append(" || '%' ESCAPE '\\'");
                    Sql.Param(cmd, p, EscapeLike((string)f.Value!));
                    continue;
                case FilterOp.In:
                    var items = ((IEnumerable<object?>)f.Value!).ToList();
                    where.Append(col).Append(" IN (")
                        .AppendJoin(", ", items.Select((_, j) => $"{p}_{j}")).Append(')');
                    for (var j = 0; j < items.Count; j++)
                    {
                        Sql.Param(cmd, $"{p}_{j}", ValueConverter.ToDb(items[j]));
                    }

                    if (items.Count == 0)
                    {
                        where.Length -= "IN ()".Length + col.Length + 1;
                        where.Append("0 = 1");
                    }

                    continue;
            }

            Sql.Param(cmd, p, ValueConverter.ToDb(f.Value));
        }
    }

    // Keyset pagination after the marker row, matching ORDER BY sort, id with NULLs first when ascending.
    private void AppendMarker(DbCommand cmd, string sort, bool desc, string markerUuid, StringBuilder where)
    {
        where.Append(where.Length == 0 ? " WHERE " : " AND ");
        var cmp = desc ? "<" : ">";
        var markerRow = $"(SELECT {{0}} FROM {Name} WHERE uuid = $marker)";
        var mId = string.Format(System.Globalization.CultureInfo.InvariantCulture, markerRow, "id");
        Sql.Param(cmd, "$marker", markerUuid);
        if (sort == "id")
        {
            where.Append($"id {cmp} {mId}");
            return;
        }

        var mVal = string.Format(System.Globalization.CultureInfo.InvariantCulture, markerRow, sort);
        var nullOrder = desc
            ? $"({mVal} IS NOT NULL AND {sort} IS NULL)"
            : $"({mVal} IS NULL AND {sort} IS NOT NULL)";
        where.Append($"({sort} {cmp} {mVal} OR {nullOrder} OR ({sort} IS {mVal} AND id {cmp} {mId}))");
    }

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private T Read(DbDataReader r)
    {
        var obj = new T();
        setId(obj, r.GetInt64(0));
        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i];
            column.Set(obj, column.Read(r, i + 1));
        }

        return obj;
    }

    // SQLITE_CONSTRAINT_FOREIGNKEY: a referenced node, portgroup or chassis went away concurrently.
    private static bool IsForeignKeyViolation(SqliteException e) =>
        e.SqliteErrorCode == 19 && e.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal);

    private Conflict MissingReference() =>
        new($"The {Name} refers to a node, portgroup or chassis that no longer exists (it was deleted meanwhile); check it and retry.");

    private string? UniqueColumn(SqliteException e)
    {
        // SQLITE_CONSTRAINT_UNIQUE: "UNIQUE constraint failed: nodes.name"
        const string Prefix = "UNIQUE constraint failed: ";
        var at = e.Message.IndexOf(Prefix, StringComparison.Ordinal);
        if (e.SqliteErrorCode != 19 || at < 0)
        {
            return null;
        }

        var qualified = e.Message[(at + Prefix.Length)..].Split(',')[0].Trim().TrimEnd('.', '\'');
        return qualified.StartsWith(Name + ".", StringComparison.Ordinal) ? qualified[(Name.Length + 1)..] : null;
    }

    private static Column ToColumn(JsonPropertyInfo p) =>
        new(p.Name, p.PropertyType,
            p.Get ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no getter."),
            p.Set ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no setter."));
}
