using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers;

/// <summary>
/// A node's capabilities, read as Ironic reads them: <c>properties/capabilities</c> is a
/// <c>"key:value,key:value"</c> string (Ironic's <c>get_node_capability</c>), <c>instance_info/capabilities</c>
/// a JSON object or a JSON string of one, as Nova sends it (<c>parse_instance_info_capabilities</c>).
/// </summary>
public static class NodeCapabilities
{
    // Ironic's deploy_utils.SUPPORTED_CAPABILITIES.
    private static readonly (string Name, string[] Values)[] Supported =
    [
        ("boot_mode", [BootMode.Bios, BootMode.Uefi]),
        ("secure_boot", ["true", "false"]),
        ("disk_label", ["msdos", "gpt"]),
    ];

    /// <summary>
    /// Parses a <c>"key:value,key:value"</c> string; entries that are not exactly one non-empty key and one
    /// non-empty value are skipped, and the first of a repeated key wins. Keys and values are trimmed.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string? capabilities)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (capabilities ?? "").Split(','))
        {
            var parts = item.Split(':');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                result.TryAdd(parts[0].Trim(), parts[1].Trim());
            }
        }

        return result;
    }

    /// <summary>The value of <paramref name="name"/> in <c>properties/capabilities</c>, or null (malformed entries are skipped).</summary>
    public static string? Get(Node node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Properties["capabilities"] is JsonValue v && v.TryGetValue<string>(out var caps)
            ? Parse(caps).GetValueOrDefault(name)
            : null;
    }

    /// <summary>
    /// <c>instance_info/capabilities</c> with string values (others as JSON text); empty when absent.
    /// Throws <see cref="InvalidParameterValue"/> when it is neither an object nor a JSON string of one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FromInstanceInfo(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var raw = node.InstanceInfo["capabilities"];
        if (raw is JsonValue s && s.TryGetValue<string>(out var text))
        {
            try
            {
                raw = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw ParseError(node);
            }
        }

        if (raw is null)
        {
            return new Dictionary<string, string>();
        }

        if (raw is not JsonObject o)
        {
            throw ParseError(node);
        }

        return o.Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : kv.Value!.ToJsonString());
    }

    /// <summary>
    /// Ironic's <c>validate_capabilities</c>: <c>boot_mode</c>, <c>secure_boot</c> and <c>disk_label</c>, where set
    /// in either place, must have one of their known values; else <see cref="InvalidParameterValue"/>.
    /// </summary>
    public static void Validate(Node node)
    {
        var instance = FromInstanceInfo(node);
        foreach (var (name, values) in Supported)
        {
            Check(name, values, Get(node, name), "properties/capabilities");
            Check(name, values, instance.GetValueOrDefault(name), "instance_info['capabilities']");
        }

        static void Check(string name, string[] values, string? value, string field)
        {
            if (!string.IsNullOrEmpty(value) && !values.Contains(value))
            {
                throw new InvalidParameterValue(
                    $"The parameter '{name}' from {field} has an invalid value: '{value}'. Acceptable values are: {string.Join(", ", values)}.");
            }
        }
    }

    private static InvalidParameterValue ParseError(Node node) =>
        new($"Error parsing capabilities from Node {node.Uuid} instance_info field. A dictionary or a \"jsonified\" dictionary is expected.");
}
