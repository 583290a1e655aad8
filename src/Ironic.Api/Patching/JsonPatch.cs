using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ironic.Api.Errors;
using Ironic.Drivers;

namespace Ironic.Api.Patching;

/// <summary>
/// JSON Patch as Ironic accepts it: <c>add</c>, <c>replace</c> and <c>remove</c> on any depth
/// (<c>/driver_info/ipmi_address</c>), applied to a copy so a failing patch changes nothing.
/// </summary>
public static partial class JsonPatch
{
    private static readonly string[] SupportedOps = ["add", "replace", "remove"];

    /// <summary>Parses and checks the shape of a patch document; throws <see cref="Invalid"/> (400).</summary>
    public static IReadOnlyList<PatchOperation> Parse(JsonNode? body)
    {
        if (body is not JsonArray ops)
        {
            throw Schema($"{ApiErrors.Repr(body)} is not of type 'array'");
        }

        var result = new List<PatchOperation>(ops.Count);
        foreach (var item in ops)
        {
            if (item is not JsonObject o)
            {
                throw Schema($"{ApiErrors.Repr(item)} is not of type 'object'");
            }

            var extra = o.Select(kv => kv.Key).Where(k => k is not ("op" or "path" or "value")).ToList();
            if (extra.Count > 0)
            {
                throw Schema($"Additional properties are not allowed ({string.Join(", ", extra.Select(e => $"'{e}'"))} {(extra.Count == 1 ? "was" : "were")} unexpected)");
            }

            var op = StringMember(o, "op");
            var path = StringMember(o, "path");
            if (!SupportedOps.Contains(op))
            {
                throw Schema($"'{op}' is not one of ['add', 'replace', 'remove']");
            }

            if (!PathPattern().IsMatch(path))
            {
                throw Schema($"'{path}' does not match '^(/[\\w-]+)+$'");
            }

            if (op != "remove" && !o.ContainsKey("value"))
            {
                throw Schema("'value' is a required property");
            }

            result.Add(new PatchOperation(op, path, path[1..].Split('/'), o["value"]?.DeepClone()));
        }

        return result;
    }

    /// <summary>Applies the operations to <paramref name="doc"/> in order; throws <see cref="Invalid"/> when one cannot apply.</summary>
    public static void Apply(JsonObject doc, IEnumerable<PatchOperation> ops)
    {
        foreach (var op in ops)
        {
            JsonNode parent = doc;
            for (var i = 0; i < op.Tokens.Count - 1; i++)
            {
                parent = Child(parent, op.Tokens[i]) ?? throw Failed(op, $"member '{op.Tokens[i]}' not found");
            }

            var last = op.Tokens[^1];
            switch (parent)
            {
                case JsonObject obj:
                    if (op.Op != "add" && !obj.ContainsKey(last))
                    {
                        throw Failed(op, $"can't {op.Op} a non-existent object '{last}'");
                    }

                    if (op.Op == "remove")
                    {
                        obj.Remove(last);
                    }
                    else
                    {
                        obj[last] = op.Value?.DeepClone();
                    }

                    break;
                case JsonArray arr:
                    ApplyToArray(arr, last, op);
                    break;
                default:
                    throw Failed(op, $"member '{last}' cannot be set: its parent is not an object or a list");
            }
        }
    }

    private static string StringMember(JsonObject o, string name) =>
        !o.ContainsKey(name) ? throw Schema($"'{name}' is a required property")
        : o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : throw Schema($"{ApiErrors.Repr(o[name])} is not of type 'string'");

    private static Invalid Schema(string detail) => ApiErrors.Schema("patch", detail);

    // The failing operation is quoted without its value: a value may be a password.
    private static Invalid Failed(PatchOperation op, string reason) =>
        new($"Couldn't apply patch '{{'op': '{op.Op}', 'path': '{op.Path}'}}'. Reason: {reason}");

    [GeneratedRegex(@"^(/[\w-]+)+$")]
    private static partial Regex PathPattern();

    private static void ApplyToArray(JsonArray arr, string token, PatchOperation op)
    {
        if (op.Op == "add" && token == "-")
        {
            arr.Add(op.Value?.DeepClone());
            return;
        }

        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index > arr.Count || (op.Op != "add" && index == arr.Count))
        {
            throw Failed(op, $"'{token}' is not a valid index into the list");
        }

        switch (op.Op)
        {
            case "add":
                arr.Insert(index, op.Value?.DeepClone());
                break;
            case "replace":
                arr[index] = op.Value?.DeepClone();
                break;
            default:
                arr.RemoveAt(index);
                break;
        }
    }

    private static JsonNode? Child(JsonNode parent, string token) => parent switch
    {
        JsonObject o => o.TryGetPropertyValue(token, out var v) && v is JsonObject or JsonArray ? v : null,
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count
            => a[i] is JsonObject or JsonArray ? a[i] : null,
        _ => null,
    };
}
