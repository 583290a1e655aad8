using System.Text.Json.Nodes;

namespace Ironic.Drivers.Pxe;

/// <summary>Reading string fields of driver_info and instance_info as Ironic's dict lookups do.</summary>
internal static class JsonFields
{
    /// <summary>Present and not an empty string.</summary>
    public static bool HasValue(JsonObject o, string key) =>
        o[key] is { } v && !(v is JsonValue jv && jv.TryGetValue<string>(out var s) && s.Length == 0);

    /// <summary>The string value; null when absent (or empty, unless <paramref name="allowEmpty"/>); other JSON as its text.</summary>
    public static string? String(JsonObject o, string key, bool allowEmpty = false) =>
        o[key] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0 || allowEmpty ? s : null,
            null => null,
            var other => other.ToJsonString(),
        };
}
