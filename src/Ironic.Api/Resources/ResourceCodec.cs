using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Ironic.Api.Errors;
using Ironic.Api.Listing;
using Ironic.Api.Patching;
using Ironic.Api.Versioning;
using Ironic.Common.Json;
using Ironic.Drivers;

namespace Ironic.Api.Resources;

/// <summary>
/// Turns one resource type into its wire form and back, microversion-aware: hides fields newer than
/// the request, refuses writes of unknown, internal or too-new fields, type-checks values, and applies
/// JSON Patch documents. Field names come from the model's JSON contract; specs only add API rules.
/// </summary>
public sealed class ResourceCodec<T>
    where T : class
{
    private readonly Dictionary<string, FieldSpec> specs;
    private readonly Dictionary<string, JsonPropertyInfo> properties;

    public ResourceCodec(string resourceName, IEnumerable<FieldSpec> fieldSpecs)
    {
        ResourceName = resourceName;
        var info = IronicJson.Options.GetTypeInfo(typeof(T));
        properties = info.Properties.Where(p => p.Get is not null).ToDictionary(p => p.Name, StringComparer.Ordinal);
        specs = properties.Keys.ToDictionary(n => n, n => new FieldSpec(n), StringComparer.Ordinal);
        foreach (var spec in fieldSpecs)
        {
            if (!properties.ContainsKey(spec.Name))
            {
                throw new ArgumentException($"{typeof(T).Name} has no field '{spec.Name}'.", nameof(fieldSpecs));
            }

            specs[spec.Name] = spec;
        }
    }

    public string ResourceName { get; }

    /// <summary>True when the field exists at some version.</summary>
    public bool IsKnown(string field) => specs.ContainsKey(field);

    /// <summary>True when the field exists at the request's version.</summary>
    public bool IsVisible(string field, ApiVersion version) =>
        specs.TryGetValue(field, out var s) && version.AtLeast(s.MinVersion);

    /// <summary>Fields the request's version shows, in the model's order.</summary>
    public IEnumerable<string> VisibleFields(ApiVersion version) => specs.Values.Where(s => version.AtLeast(s.MinVersion)).Select(s => s.Name);

    /// <summary>
    /// The object as the API shows it at <paramref name="version"/>; only <paramref name="fields"/> when given.
    /// </summary>
    public JsonObject ToJson(T obj, ApiVersion version, IReadOnlyCollection<string>? fields = null)
    {
        var result = new JsonObject();
        foreach (var (name, p) in properties)
        {
            if (!Shows(name, version, fields))
            {
                continue;
            }

            result[name] = ToNode(p.Get!(obj), p.PropertyType);
        }

        return result;
    }

    /// <summary>
    /// Writes the properties <see cref="ToJson"/> would hold, in the same order, straight to
    /// <paramref name="writer"/> (no tree, no copies). <paramref name="custom"/> may write a field itself and
    /// return true (it gets the field's name and value).
    /// </summary>
    public void WriteProperties(Utf8JsonWriter writer, T obj, ApiVersion version, IReadOnlyCollection<string>? fields,
        Func<Utf8JsonWriter, string, object?, bool>? custom = null)
    {
        foreach (var (name, p) in properties)
        {
            if (!Shows(name, version, fields))
            {
                continue;
            }

            var value = p.Get!(obj);
            if (custom is not null && custom(writer, name, value))
            {
                continue;
            }

            writer.WritePropertyName(name);
            WriteValue(writer, value, p.PropertyType);
        }
    }

    private bool Shows(string field, ApiVersion version, IReadOnlyCollection<string>? fields) =>
        version.AtLeast(specs[field].MinVersion) && (fields is null || fields.Contains(field));

    private static void WriteValue(Utf8JsonWriter writer, object? value, Type type)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case JsonNode node: node.WriteTo(writer); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case DateTimeOffset t: writer.WriteStringValue(IsoTimestampConverter.Format(t)); break;
            default: JsonSerializer.Serialize(writer, value, type, IronicJson.Options); break;
        }
    }

    // The common field types directly: going through the serializer costs a write and a parse per field,
    // which dominated rendering a page of nodes.
    private static JsonNode? ToNode(object? value, Type type) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        DateTimeOffset t => JsonValue.Create(IsoTimestampConverter.Format(t)),
        _ => JsonSerializer.SerializeToNode(value, type, IronicJson.Options),
    };

    /// <summary>Builds a new object from a create request body.</summary>
    public T FromCreateBody(JsonNode? body, ApiVersion version, T defaults)
    {
        if (body is not JsonObject o)
        {
            throw ApiErrors.Schema(ResourceName, $"{ApiErrors.Repr(body)} is not of type 'object'");
        }

        var unexpected = o.Select(kv => kv.Key)
            .Where(k => !specs.TryGetValue(k, out var s) || s.Access == FieldAccess.Internal).ToList();
        if (unexpected.Count > 0)
        {
            var names = string.Join(", ", unexpected.Select(n => $"'{n}'"));
            throw ApiErrors.Schema(ResourceName,
                $"Additional properties are not allowed ({names} {(unexpected.Count == 1 ? "was" : "were")} unexpected)");
        }

        var doc = JsonSerializer.SerializeToNode(defaults, IronicJson.Options)!.AsObject();
        foreach (var (name, value) in o)
        {
            // A field newer than the request may still be sent as null, as Ironic allows.
            if (value is not null && !version.AtLeast(specs[name].WriteMinVersion))
            {
                throw ApiErrors.NotAcceptable();
            }

            doc[name] = Coerce(name, value?.DeepClone(), ResourceName);
        }

        foreach (var spec in specs.Values.Where(s => s.Mandatory))
        {
            if (!o.ContainsKey(spec.Name) || o[spec.Name] is null)
            {
                throw ApiErrors.Schema(ResourceName, $"'{spec.Name}' is a required property");
            }
        }

        return Deserialize(doc);
    }

    /// <summary>
    /// Applies a JSON Patch to a copy of <paramref name="current"/>; returns the patched copy and the
    /// top-level fields whose value changed. Nothing is written.
    /// </summary>
    public (T Patched, IReadOnlyList<string> Changed) ApplyPatch(T current, JsonNode? patch, ApiVersion version)
    {
        var ops = JsonPatch.Parse(patch);
        foreach (var op in ops)
        {
            if (!specs.TryGetValue(op.Field, out var spec) || spec.Access != FieldAccess.Writable)
            {
                var writable = specs.Values
                    .Where(s => s.Access == FieldAccess.Writable && version.AtLeast(s.WriteMinVersion))
                    .Select(s => s.Name).Order(StringComparer.Ordinal);
                throw new Invalid($"Cannot patch /{op.Field}. Only the following can be updated: {string.Join(", ", writable)}");
            }

            if (!version.AtLeast(spec.WriteMinVersion))
            {
                throw ApiErrors.NotAcceptable();
            }

            if (op.Op == "remove" && op.Tokens.Count == 1 && spec.Mandatory)
            {
                throw ApiErrors.Schema("patch", $"'{op.Field}' is a required property");
            }
        }

        var before = JsonSerializer.SerializeToNode(current, IronicJson.Options)!.AsObject();
        var doc = before.DeepClone().AsObject();
        JsonPatch.Apply(doc, ops);

        var changed = new List<string>();
        foreach (var field in ops.Select(o => o.Field).Distinct())
        {
            // Removing a top-level field resets it to its empty value, as Ironic does.
            doc[field] = doc.ContainsKey(field) ? Coerce(field, doc[field]?.DeepClone(), "patch") : EmptyValue(field);
            if (!JsonNode.DeepEquals(before[field], doc[field]))
            {
                changed.Add(field);
            }
        }

        return (Deserialize(doc), changed);
    }

    private JsonNode? EmptyValue(string field)
    {
        var t = properties[field].PropertyType;
        return t == typeof(JsonObject) ? new JsonObject()
            : t == typeof(JsonArray) ? new JsonArray()
            : t == typeof(bool) ? JsonValue.Create(false)
            : t == typeof(string) && !IsNullable(field) ? JsonValue.Create("")
            : null;
    }

    private bool IsNullable(string field)
    {
        var p = properties[field];
        return p.PropertyType.IsValueType ? Nullable.GetUnderlyingType(p.PropertyType) is not null : p.IsSetNullable;
    }

    // Checks a value against the field's type; booleans may be spelled as strings, as Ironic accepts.
    private JsonNode? Coerce(string field, JsonNode? value, string schemaName)
    {
        var type = properties[field].PropertyType;
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (t == typeof(bool) && kind == JsonValueKind.String)
        {
            var text = value!.GetValue<string>();
            return QueryBool.TryParse(text) is { } b ? JsonValue.Create(b) : throw new Invalid(
                $"Invalid {field}: Unrecognized value '{text}', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'");
        }

        var nullable = IsNullable(field) || t == typeof(JsonObject) || t == typeof(JsonArray);
        var ok = kind switch
        {
            JsonValueKind.Null => nullable,
            JsonValueKind.String => t == typeof(string),
            JsonValueKind.True or JsonValueKind.False => t == typeof(bool),
            JsonValueKind.Number => t == typeof(int) || t == typeof(long),
            JsonValueKind.Object => t == typeof(JsonObject),
            JsonValueKind.Array => t == typeof(JsonArray),
            _ => false,
        };
        if (!ok)
        {
            var expected = t == typeof(string) ? "'string'"
                : t == typeof(bool) ? "'boolean'"
                : t == typeof(JsonObject) ? "'object'"
                : t == typeof(JsonArray) ? "'array'"
                : "'integer'";
            throw ApiErrors.Schema(schemaName, $"{ApiErrors.Repr(value)} is not of type {expected}{(nullable ? ", 'null'" : "")}");
        }

        // A null dictionary is stored as an empty one, as Ironic shows it.
        return kind == JsonValueKind.Null && (t == typeof(JsonObject) || t == typeof(JsonArray)) ? EmptyValue(field) : value;
    }

    private static T Deserialize(JsonObject doc)
    {
        try
        {
            return doc.Deserialize<T>(IronicJson.Options)!;
        }
        catch (JsonException e)
        {
            throw new Invalid($"Invalid input: {e.Message}");
        }
    }
}
