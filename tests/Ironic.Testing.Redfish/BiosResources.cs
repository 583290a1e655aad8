using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>A system's BIOS: current attributes, pending settings applied at the next boot. Called under the emulator's lock.</summary>
internal static class BiosResources
{
    public static JsonObject Bios(SimulatedSystem s) => new()
    {
        ["@odata.id"] = s.Path + "/Bios",
        ["Id"] = "BIOS",
        ["Name"] = "BIOS Configuration",
        ["AttributeRegistry"] = RedfishEmulator.BiosRegistryId,
        ["Attributes"] = ToJson(s.BiosAttributes),
        ["@Redfish.Settings"] = new JsonObject
        {
            ["SettingsObject"] = Reply.Link(s.Path + "/Bios/Settings"),
            ["SupportedApplyTimes"] = new JsonArray("OnReset"),
        },
        ["Actions"] = new JsonObject
        {
            ["#Bios.ResetBios"] = new JsonObject { ["target"] = s.Path + "/Bios/Actions/Bios.ResetBios" },
        },
    };

    public static JsonObject BiosSettings(SimulatedSystem s) => new()
    {
        ["@odata.id"] = s.Path + "/Bios/Settings",
        ["Id"] = "Settings",
        ["Name"] = "BIOS pending settings",
        ["Attributes"] = ToJson(s.PendingBios),
    };

    public static Reply PatchBiosSettings(SimulatedSystem s, JsonObject body)
    {
        if (body["Attributes"] is not JsonObject attributes)
        {
            return Reply.Error(400, "Base.1.8.PropertyMissing", "The property Attributes is missing.");
        }

        foreach (var (name, value) in attributes)
        {
            if (!s.BiosAttributes.ContainsKey(name))
            {
                return Reply.Error(400, "Base.1.8.PropertyUnknown", $"The property {name} is not a known BIOS attribute.");
            }

            s.PendingBios[name] = value?.GetValueKind() switch
            {
                JsonValueKind.Number => value.GetValue<int>(),
                JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
                JsonValueKind.String => value.GetValue<string>(),
                _ => null,
            };
        }

        return Reply.NoContent;
    }

    public static JsonObject ToJson(Dictionary<string, object?> values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            result[name] = value switch
            {
                null => null,
                int i => i,
                bool b => b,
                _ => value.ToString(),
            };
        }

        return result;
    }
}
