using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Ironic.Data.Mapping;

/// <summary>Converts model values to database values and back (JSON as text, booleans as integers).</summary>
internal static class ValueConverter
{
    public static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        string s => s,
        bool b => b ? 1L : 0L,
        int i => (long)i,
        long l => l,
        DateTimeOffset t => Sql.Timestamp(t),
        JsonNode n => n.ToJsonString(),
        _ => throw new NotSupportedException($"No database form for {value.GetType().Name}."),
    };

    /// <summary>
    /// How to read one column of <paramref name="type"/>: text columns are read as strings directly (no boxing
    /// through GetValue), and the empty dictionaries most JSON columns hold are not parsed.
    /// </summary>
    public static Func<DbDataReader, int, object?> ReaderFor(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return (r, i) => r.IsDBNull(i) ? null : r.GetString(i);
        }

        if (t == typeof(DateTimeOffset))
        {
            return (r, i) => r.IsDBNull(i) ? null : Sql.ParseTimestamp(r.GetString(i));
        }

        if (t == typeof(JsonObject))
        {
            return (r, i) => r.IsDBNull(i) ? new JsonObject() : ParseJson(r.GetString(i));
        }

        if (t == typeof(JsonArray))
        {
            return (r, i) => r.IsDBNull(i) ? new JsonArray() : ParseJson(r.GetString(i));
        }

        return (r, i) => FromDb(r.GetValue(i), type);
    }

    private static JsonNode? ParseJson(string text) => text switch
    {
        "{}" => new JsonObject(),
        "[]" => new JsonArray(),
        _ => JsonNode.Parse(text),
    };

    // Numbers and booleans (stored as integers); text and JSON columns have their own readers above.
    private static object? FromDb(object value, Type type)
    {
        if (value is DBNull)
        {
            return null;
        }

        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;
        }

        if (t == typeof(int))
        {
            return Convert.ToInt32(value, CultureInfo.InvariantCulture);
        }

        if (t == typeof(long))
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }

        throw new NotSupportedException($"No model form for column type {type.Name}.");
    }
}
