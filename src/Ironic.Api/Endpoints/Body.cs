using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Listing;
using Ironic.Drivers;

namespace Ironic.Api.Endpoints;

/// <summary>Reads the small JSON bodies of action endpoints, with Ironic's argument errors.</summary>
internal static class Body
{
    /// <summary>The body as an object whose members are all among <paramref name="allowed"/>.</summary>
    public static JsonObject Object(JsonNode? body, params string[] allowed)
    {
        var o = body as JsonObject ?? throw new Invalid("The request body must be a JSON object.");
        return o.Select(kv => kv.Key).Where(k => !allowed.Contains(k)).ToList() is { Count: > 0 } unexpected
            ? throw ApiErrors.UnexpectedArguments(unexpected)
            : o;
    }

    public static string? String(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var other => throw new Invalid($"Expected string for {name}: {other.ToJsonString()}"),
    };

    public static int? Int(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && int.TryParse(v.GetValue<string>(), out var i) => i,
        var other => throw new Invalid($"Expected an integer for {name}: {other.ToJsonString()}"),
    };

    public static bool? Bool(JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => QueryBool.Parse(name, v.GetValue<string>()),
        var other => throw new Invalid($"Invalid {name}: Unrecognized value '{other.ToJsonString()}'"),
    };
}
