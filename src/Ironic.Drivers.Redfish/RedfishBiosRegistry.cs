using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Reads the BIOS attribute registry the Bios resource names (through the service root's Registries)
/// into the fields Ironic stores per setting. A registry is optional: when missing or unreadable,
/// this only logs and finds nothing.
/// </summary>
internal sealed class RedfishBiosRegistry(RedfishBmc bmc, ILogger logger)
{
    public async Task<Dictionary<string, JsonObject>> ReadAsync(JsonObject bios, CancellationToken ct)
    {
        var result = new Dictionary<string, JsonObject>();
        if (bios["AttributeRegistry"]?.ToString() is not { Length: > 0 } name)
        {
            return result;
        }

        try
        {
            var root = await bmc.RootAsync(ct).ConfigureAwait(false);
            var registries = RedfishBmc.Link(root, "Registries");
            if (registries is null)
            {
                RedfishLog.NoBiosRegistry(logger, bmc.Node, "the service root has no Registries collection");
                return result;
            }

            var file = (await bmc.MembersAsync(registries, ct).ConfigureAwait(false)).FirstOrDefault(f => Matches(f, name));
            var locations = file?["Location"] as JsonArray ?? [];
            var uri = locations.FirstOrDefault(l => l?["Language"]?.ToString() == "en")?["Uri"]?.ToString()
                ?? locations.Select(l => l?["Uri"]?.ToString()).FirstOrDefault(u => u is not null);
            if (uri is null)
            {
                RedfishLog.NoBiosRegistry(logger, bmc.Node, $"no registry file {name} served by the BMC");
                return result;
            }

            var registry = await bmc.GetAsync(uri, ct).ConfigureAwait(false);
            foreach (var entry in (registry["RegistryEntries"]?["Attributes"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (entry["AttributeName"]?.ToString() is { } attribute)
                {
                    result[attribute] = Fields(entry);
                }
            }
        }
        catch (IronicException e) when (e is RedfishError or RedfishConnectionError)
        {
            RedfishLog.NoBiosRegistry(logger, bmc.Node, e.Message);
        }

        return result;
    }

    // "BiosAttributeRegistry.v1_0_0" matches a file for that registry, with or without the version.
    private static bool Matches(JsonObject file, string name)
    {
        var registry = file["Registry"]?.ToString() ?? file["Id"]?.ToString() ?? "";
        var unversioned = name.Split(".v", 2)[0];
        return registry == name || registry == unversioned || registry.Split(".v", 2)[0] == unversioned;
    }

    private static JsonObject Fields(JsonObject entry)
    {
        JsonArray? allowed = null;
        if (entry["Value"] is JsonArray values)
        {
            allowed = [.. values.Select(v => (v?["ValueName"] ?? v?["ValueDisplayName"])?.ToString()).Where(v => v is not null).Select(v => (JsonNode)v!)];
        }

        return new JsonObject
        {
            ["attribute_type"] = entry["Type"]?.DeepClone(),
            ["allowable_values"] = allowed,
            ["lower_bound"] = entry["LowerBound"]?.DeepClone(),
            ["max_length"] = entry["MaxLength"]?.DeepClone(),
            ["min_length"] = entry["MinLength"]?.DeepClone(),
            ["read_only"] = entry["ReadOnly"]?.DeepClone(),
            ["reset_required"] = entry["ResetRequired"]?.DeepClone(),
            ["unique"] = entry["IsSystemUniqueProperty"]?.DeepClone(),
            ["upper_bound"] = entry["UpperBound"]?.DeepClone(),
        };
    }
}
