using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Drivers.Agent;

/// <summary>
/// What in-band inspection derives from the ramdisk's inventory, as Ironic's inspection hooks do: the ramdisk's
/// error (<c>ramdisk-error</c>), the interfaces to make ports of (<c>validate-interfaces</c>, <c>ports</c> with
/// <c>[inspector] add_ports</c>), and the properties <c>cpu_arch</c> (<c>architecture</c>), <c>memory_mb</c>
/// (<c>memory</c>), <c>cpus</c> (<c>cpus</c>) and <c>local_gb</c> (<c>root-device</c>). Pure functions over JSON.
/// </summary>
internal static class InspectionHooks
{
    private const long GiB = 1024L * 1024 * 1024;

    /// <summary>An interface worth a port: its normalized MAC and whether the node booted the ramdisk through it.</summary>
    public sealed record Nic(string Name, string Mac, bool PxeEnabled, string? ClientId);

    /// <summary>Throws when the ramdisk reported an error in the plugin data.</summary>
    public static void CheckRamdiskError(JsonObject pluginData)
    {
        if (pluginData["error"] is { } error && error.GetValueKind() is not (JsonValueKind.Null or JsonValueKind.False)
            && error.ToString().Length > 0)
        {
            throw new IronicException($"Ramdisk reported error: {error}");
        }
    }

    /// <summary>
    /// The interfaces to create ports for (Ironic's <c>validate_interfaces</c>): named, with a valid MAC, not loopback,
    /// and per <paramref name="addPorts"/>: <c>pxe</c> only the boot interface when the inventory names one (else all),
    /// <c>active</c> only those with an IP address, <c>all</c> every one. Records them in the plugin data as Ironic does.
    /// </summary>
    public static IReadOnlyList<Nic> ValidInterfaces(string nodeUuid, JsonObject inventory, JsonObject pluginData, string addPorts)
    {
        if (inventory["interfaces"] is not JsonArray interfaces)
        {
            throw Invalid(nodeUuid, "no interfaces present in inventory");
        }

        var pxeMac = PxeMac(inventory);
        var all = new JsonObject();
        var valid = new List<Nic>();
        foreach (var iface in interfaces.OfType<JsonObject>())
        {
            if (iface["name"]?.ToString() is not { Length: > 0 } name || NormalizeMac(iface["mac_address"]?.ToString()) is not { } mac)
            {
                continue;
            }

            var ip = iface["ipv4_address"]?.ToString() ?? iface["ipv6_address"]?.ToString()?.Split('%')[0];
            var pxe = mac == pxeMac;
            var record = (JsonObject)iface.DeepClone();
            record["mac_address"] = mac;
            record["pxe_enabled"] = pxe;
            all[name] = record;
            if (name == "lo" || (ip is not null && (ip.StartsWith("127.", StringComparison.Ordinal) || ip == "::1")))
            {
                continue;
            }

            if ((addPorts == "pxe" && pxeMac is not null && !pxe) || (addPorts == "active" && string.IsNullOrEmpty(ip)))
            {
                continue;
            }

            valid.Add(new Nic(name, mac, pxe, iface["client_id"]?.ToString()));
        }

        if (all.Count == 0)
        {
            throw Invalid(nodeUuid, "no valid network interfaces");
        }

        if (valid.Count == 0)
        {
            throw Invalid(nodeUuid, $"no network interfaces match the configuration (add_ports set to \"{addPorts}\")");
        }

        pluginData["all_interfaces"] = all;
        pluginData["valid_interfaces"] = new JsonObject(valid.Select(n => KeyValuePair.Create(n.Name, (JsonNode?)all[n.Name]!.DeepClone())));
        pluginData["macs"] = new JsonArray([.. valid.Select(n => (JsonNode)n.Mac)]);
        return valid;
    }

    /// <summary>
    /// The node's properties with what the inventory says, per enabled hook: <c>cpu_arch</c> and <c>memory_mb</c> (required),
    /// <c>cpus</c> (when counted), <c>local_gb</c> (the root disk in whole GiB, minus one with
    /// <c>[inspector] disk_partitioning_spacing</c>; 0 without a disk of at least 4 GiB).
    /// </summary>
    public static JsonObject Properties(string nodeUuid, JsonObject properties, JsonObject inventory, JsonObject pluginData,
        IReadOnlySet<string> hooks, bool spacing)
    {
        var result = (JsonObject)properties.DeepClone();
        if (hooks.Contains("architecture"))
        {
            result["cpu_arch"] = inventory["cpu"]?["architecture"] is JsonValue arch && arch.GetValueKind() == JsonValueKind.String && arch.GetValue<string>().Length > 0
                ? arch.GetValue<string>()
                : throw Invalid(nodeUuid, $"Inventory has malformed or missing CPU architecture information: {Show(inventory["cpu"])} for node {nodeUuid}.");
        }

        if (hooks.Contains("memory"))
        {
            result["memory_mb"] = Long(inventory["memory"]?["physical_mb"])
                ?? throw Invalid(nodeUuid, $"Inventory has missing memory information: {Show(inventory["memory"])} for node {nodeUuid}.");
        }

        if (hooks.Contains("cpus") && Long(inventory["cpu"]?["count"]) is > 0 and var count)
        {
            result["cpus"] = count;
        }

        if (hooks.Contains("root-device"))
        {
            var root = RootDisk(nodeUuid, properties, inventory, pluginData);
            var localGb = root is null ? 0 : (Long(root["size"]) ?? 0) / GiB;
            if (localGb > 0 && spacing)
            {
                localGb--;
            }

            pluginData["local_gb"] = localGb;
            result["local_gb"] = localGb;
        }

        return result;
    }

    /// <summary>
    /// The root disk: the one matching the node's <c>root_device</c> hints (exact values of name, model, vendor,
    /// serial, wwn, size in GiB), else the ramdisk's choice in the plugin data, else the agent's own rule (the
    /// smallest disk of at least 4 GiB, by size then name). Recorded in the plugin data as <c>root_disk</c>.
    /// </summary>
    public static JsonObject? RootDisk(string nodeUuid, JsonObject properties, JsonObject inventory, JsonObject pluginData)
    {
        var disks = (inventory["disks"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (properties["root_device"] is JsonObject hints && hints.Count > 0)
        {
            var match = disks.FirstOrDefault(d => hints.All(h => Matches(d, h.Key, h.Value)))
                ?? throw new IronicException($"No disks satisfied root device hints for node {nodeUuid}");
            pluginData["root_disk"] = match.DeepClone();
            return match;
        }

        if (pluginData["root_disk"] is JsonObject chosen)
        {
            return chosen;
        }

        var guessed = GuessRootDisk(disks);
        if (guessed is not null)
        {
            pluginData["root_disk"] = guessed.DeepClone();
        }

        return guessed;
    }

    /// <summary>IPA's <c>guess_root_disk</c>: the smallest disk of at least 4 GiB, ties broken by name.</summary>
    public static JsonObject? GuessRootDisk(IEnumerable<JsonObject> disks) => disks
        .Where(d => Long(d["size"]) >= 4 * GiB)
        .OrderBy(d => Long(d["size"])).ThenBy(d => d["name"]?.ToString(), StringComparer.Ordinal)
        .FirstOrDefault();

    /// <summary>A MAC in lower-case colon form, or null when it is not one.</summary>
    public static string? NormalizeMac(string? value)
    {
        var hex = value?.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return hex is { Length: 12 } && hex.All(char.IsAsciiHexDigit) && value!.Length == 17
            ? string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))).ToLowerInvariant()
            : null;
    }

    // The boot interface: "aa:bb:..." or pxelinux's "01-aa-bb-...".
    private static string? PxeMac(JsonObject inventory)
    {
        var pxe = inventory["boot"]?["pxe_interface"]?.ToString();
        if (pxe is not null && pxe.Contains('-', StringComparison.Ordinal) && pxe.Length == 20)
        {
            pxe = pxe[3..].Replace('-', ':');
        }

        return NormalizeMac(pxe);
    }

    private static bool Matches(JsonObject disk, string hint, JsonNode? expected) => hint switch
    {
        "size" => Long(expected) is { } gib && Long(disk["size"]) / GiB == gib,
        _ => string.Equals(disk[hint]?.ToString(), expected?.ToString(), StringComparison.OrdinalIgnoreCase),
    };

    private static long? Long(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "None";

    private static IronicException Invalid(string nodeUuid, string reason) => new InvalidParameterValue($"Inventory for node {nodeUuid} is invalid: {reason}");
}
