using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// Reads a node's capabilities as Ironic does: <c>properties/capabilities</c> is a
/// <c>"key:value,key:value"</c> string, <c>instance_info/capabilities</c> a JSON object (or a JSON
/// string of one, as Nova sends it). Also the boot mode a deployment uses and the capability check.
/// </summary>
internal static class NodeCapabilities
{
    // Ironic's deploy_utils.SUPPORTED_CAPABILITIES.
    private static readonly (string Name, string[] Values)[] Supported =
    [
        ("boot_mode", [BootMode.Bios, BootMode.Uefi]),
        ("secure_boot", ["true", "false"]),
        ("disk_label", ["msdos", "gpt"]),
    ];

    /// <summary>The value of <paramref name="name"/> in <c>properties/capabilities</c>; malformed entries are skipped.</summary>
    public static string? FromProperties(Node node, string name)
    {
        if (node.Properties["capabilities"] is not JsonValue v || !v.TryGetValue<string>(out var caps) || caps.Length == 0)
        {
            return null;
        }

        foreach (var item in caps.Split(','))
        {
            var parts = item.Split(':');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 && parts[0].Trim() == name)
            {
                return parts[1].Trim();
            }
        }

        return null;
    }

    /// <summary><c>instance_info/capabilities</c> as string values; throws Ironic's error when it is not an object.</summary>
    public static IReadOnlyDictionary<string, string> FromInstanceInfo(Node node)
    {
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

    /// <summary>Ironic's <c>validate_capabilities</c>: known capabilities must have one of their values.</summary>
    public static void Validate(Node node)
    {
        var instance = FromInstanceInfo(node);
        foreach (var (name, values) in Supported)
        {
            Check(name, values, FromProperties(node, name), "properties/capabilities");
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

    /// <summary>
    /// The boot mode the node deploys in (Ironic's <c>get_boot_mode</c>): uefi when secure boot is asked for,
    /// else instance_info capabilities, instance_info deploy_boot_mode, properties capabilities,
    /// driver_internal_info deploy_boot_mode, then <c>[deploy] default_boot_mode</c>. A choice that contradicts properties/capabilities is refused.
    /// </summary>
    public static string BootModeOf(Node node, string defaultMode)
    {
        var instance = FromInstanceInfo(node);
        if (string.Equals(instance.GetValueOrDefault("secure_boot"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return BootMode.Uefi;
        }

        var capability = FromProperties(node, "boot_mode")?.ToLowerInvariant();
        var mode = (instance.GetValueOrDefault("boot_mode")
            ?? String(node.InstanceInfo, "deploy_boot_mode")
            ?? capability
            ?? String(node.DriverInternalInfo, "deploy_boot_mode"))?.ToLowerInvariant();
        if (mode is null)
        {
            return defaultMode;
        }

        if (capability is not null && capability != mode)
        {
            throw new InvalidParameterValue($"Node {node.Uuid} boot mode {mode} violates node properties/capabilities {capability}");
        }

        return mode;
    }

    private static string? String(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static InvalidParameterValue ParseError(Node node) =>
        new($"Error parsing capabilities from Node {node.Uuid} instance_info field. A dictionary or a \"jsonified\" dictionary is expected.");
}
