using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// The boot mode a node deploys in, looked up where Ironic's <c>boot_mode_utils.get_boot_mode</c> looks:
/// instance_info capabilities (secure_boot means uefi), instance_info deploy_boot_mode, properties
/// capabilities, driver_internal_info deploy_boot_mode, then <c>[deploy] default_boot_mode</c>.
/// </summary>
internal static class NodeBootMode
{
    public static string Resolve(Node node, string defaultMode)
    {
        var instance = Capabilities(node.InstanceInfo["capabilities"]);
        if (instance.TryGetValue("secure_boot", out var secure) && secure.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return BootMode.Uefi;
        }

        return First(
            instance.GetValueOrDefault("boot_mode"),
            IpmiDriverInfo.Text(node.InstanceInfo, "deploy_boot_mode"),
            Capabilities(node.Properties["capabilities"]).GetValueOrDefault("boot_mode"),
            IpmiDriverInfo.Text(node.DriverInternalInfo, "deploy_boot_mode")) ?? defaultMode;
    }

    private static string? First(params string?[] candidates) =>
        candidates.Select(c => c?.Trim().ToLowerInvariant()).FirstOrDefault(c => c is BootMode.Uefi or BootMode.Bios);

    /// <summary>Capabilities as a JSON object, a JSON string of one, or Ironic's "key:value,key:value".</summary>
    private static Dictionary<string, string> Capabilities(JsonNode? value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is JsonObject obj)
        {
            foreach (var (k, v) in obj)
            {
                result[k] = v is JsonValue jv && jv.GetValueKind() == JsonValueKind.String ? jv.GetValue<string>() : v?.ToJsonString() ?? "";
            }
        }
        else if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
        {
            var text = s.GetValue<string>().Trim();
            if (text.StartsWith('{'))
            {
                try
                {
                    return Capabilities(JsonNode.Parse(text));
                }
                catch (JsonException)
                {
                    return result;
                }
            }

            foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var kv = pair.Split(':', 2);
                if (kv.Length == 2)
                {
                    result[kv[0].Trim()] = kv[1].Trim();
                }
            }
        }

        return result;
    }
}
