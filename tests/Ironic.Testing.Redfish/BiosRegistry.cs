using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>The BIOS attribute registry the emulator publishes for its attributes (types, allowed values, bounds).</summary>
internal static class BiosRegistry
{
    public static JsonObject Document() => new()
    {
        ["Id"] = RedfishEmulator.BiosRegistryId,
        ["Name"] = "BIOS Attribute Registry",
        ["RegistryVersion"] = "1.0.0",
        ["Language"] = "en",
        ["OwningEntity"] = "SimVendor",
        ["RegistryEntries"] = new JsonObject
        {
            ["Attributes"] = new JsonArray(
                Enumeration("BootMode", true, "Uefi", "Bios"),
                Enumeration("ProcTurboMode", false, "Enabled", "Disabled"),
                Enumeration("EmbeddedSata", true, "Raid", "Ahci"),
                new JsonObject
                {
                    ["AttributeName"] = "NumCores",
                    ["Type"] = "Integer",
                    ["LowerBound"] = 1,
                    ["UpperBound"] = 64,
                    ["ReadOnly"] = false,
                    ["ResetRequired"] = true,
                },
                new JsonObject
                {
                    ["AttributeName"] = "AdminPhone",
                    ["Type"] = "String",
                    ["MinLength"] = 0,
                    ["MaxLength"] = 32,
                    ["ReadOnly"] = false,
                    ["ResetRequired"] = false,
                    ["IsSystemUniqueProperty"] = true,
                }),
        },
    };

    private static JsonObject Enumeration(string name, bool resetRequired, params string[] values) => new()
    {
        ["AttributeName"] = name,
        ["Type"] = "Enumeration",
        ["Value"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["ValueName"] = v, ["ValueDisplayName"] = v + " mode" })]),
        ["ReadOnly"] = false,
        ["ResetRequired"] = resetRequired,
    };
}
