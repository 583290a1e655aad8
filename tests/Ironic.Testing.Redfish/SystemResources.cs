using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>
/// The ComputerSystem resource of one system: its power and boot override (read and patched) and its reset
/// state machine. Inventory, BIOS and chassis live beside it. Called under the emulator's lock.
/// </summary>
internal static class SystemResources
{
    private static readonly string[] ResetTypes = ["On", "ForceOff", "GracefulShutdown", "GracefulRestart", "ForceRestart", "Nmi", "ForceOn", "PowerCycle"];

    public static JsonObject System(SimulatedSystem s)
    {
        var p = s.Path;
        if (s.PendingPowerState is not null && --s.PendingGets <= 0)
        {
            s.PowerState = s.PendingPowerState;
            s.PendingPowerState = null;
        }

        var boot = new JsonObject
        {
            ["BootSourceOverrideEnabled"] = s.BootEnabled,
            ["BootSourceOverrideTarget"] = s.BootTarget,
            ["BootSourceOverrideTarget@Redfish.AllowableValues"] = new JsonArray([.. s.AllowedBootTargets.Select(t => (JsonNode)t)]),
        };
        if (s.BootMode is not null)
        {
            boot["BootSourceOverrideMode"] = s.BootMode;
            boot["BootSourceOverrideMode@Redfish.AllowableValues"] = new JsonArray("Legacy", "UEFI");
        }

        var system = new JsonObject
        {
            ["@odata.id"] = p,
            ["Id"] = s.Id,
            ["Name"] = "node-" + s.Id,
            ["SystemType"] = "Physical",
            ["Manufacturer"] = "SimVendor",
            ["Model"] = "Sim-1",
            ["SerialNumber"] = "SN" + s.Id,
            ["UUID"] = s.Uuid,
            ["PowerState"] = s.PowerState,
            ["IndicatorLED"] = "Off",
            ["Status"] = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" },
            ["Boot"] = boot,
            ["MemorySummary"] = new JsonObject
            {
                ["TotalSystemMemoryGiB"] = s.MemoryGiB,
                ["Status"] = new JsonObject { ["State"] = "Enabled", ["HealthRollup"] = "OK" },
            },
            ["Processors"] = Reply.Link(p + "/Processors"),
            ["EthernetInterfaces"] = Reply.Link(p + "/EthernetInterfaces"),
            ["SimpleStorage"] = Reply.Link(p + "/SimpleStorage"),
            ["Storage"] = Reply.Link(p + "/Storage"),
            ["Links"] = new JsonObject
            {
                ["Chassis"] = new JsonArray(Reply.Link("/redfish/v1/Chassis/" + s.Id)),
                ["ManagedBy"] = new JsonArray(Reply.Link("/redfish/v1/Managers/BMC")),
            },
            ["Actions"] = new JsonObject
            {
                ["#ComputerSystem.Reset"] = new JsonObject
                {
                    ["target"] = p + "/Actions/ComputerSystem.Reset",
                    ["ResetType@Redfish.AllowableValues"] = new JsonArray([.. ResetTypes.Select(t => (JsonNode)t)]),
                },
            },
        };
        if (s.HasBios)
        {
            system["Bios"] = Reply.Link(p + "/Bios");
        }

        if (s.SecureBootEnabled is not null)
        {
            system["SecureBoot"] = Reply.Link(p + "/SecureBoot");
        }

        return system;
    }

    public static Reply PatchSystem(SimulatedSystem s, JsonObject body)
    {
        if (body["Boot"] is not JsonObject boot)
        {
            return body.ContainsKey("IndicatorLED") ? Reply.NoContent : Reply.Error(400, "Base.1.8.PropertyUnknown", "Nothing to change.");
        }

        var target = boot["BootSourceOverrideTarget"]?.GetValue<string>();
        var enabled = boot["BootSourceOverrideEnabled"]?.GetValue<string>();
        var mode = boot["BootSourceOverrideMode"]?.GetValue<string>();
        if (target is not null && !s.AllowedBootTargets.Contains(target))
        {
            return Reply.Error(400, "Base.1.8.PropertyValueNotInList", "Bad BootSourceOverrideTarget");
        }

        if (enabled is not null && (enabled is not ("Disabled" or "Once" or "Continuous") || (enabled == "Continuous" && s.RejectContinuous)))
        {
            return Reply.Error(400, "Base.1.8.PropertyValueNotInList", "Bad BootSourceOverrideEnabled");
        }

        if (mode is not null && (s.BootMode is null || mode is not ("UEFI" or "Legacy")))
        {
            return Reply.Error(400, "Base.1.8.PropertyValueNotInList", "Bad BootSourceOverrideMode");
        }

        s.BootTarget = target ?? s.BootTarget;
        s.BootEnabled = enabled ?? s.BootEnabled;
        s.BootMode = mode ?? s.BootMode;
        return Reply.NoContent;
    }

    /// <summary>ComputerSystem.Reset as a small state machine; a boot consumes a one-time override and pending BIOS.</summary>
    public static Reply Reset(SimulatedSystem s, JsonObject body)
    {
        var type = body["ResetType"]?.GetValue<string>();
        var on = s.PowerState is "On" or "PoweringOn";
        s.LastResetType = type;
        switch (type)
        {
            case "On" or "ForceOn":
                if (!on)
                {
                    s.Boot();
                    Change(s, "On");
                }

                return Reply.NoContent;
            case "ForceOff" or "GracefulShutdown":
                if (on)
                {
                    Change(s, "Off");
                }

                return Reply.NoContent;
            case "ForceRestart" or "GracefulRestart":
                if (!on)
                {
                    return Reply.Error(409, "Base.1.8.ActionNotSupported", "The system is powered off; a restart is not possible.");
                }

                s.Boot();
                return Reply.NoContent;
            case "PowerCycle":
                s.Boot();
                Change(s, "On");
                return Reply.NoContent;
            case "Nmi":
                if (!on)
                {
                    return Reply.Error(409, "Base.1.8.ActionNotSupported", "The system is powered off; an NMI is not possible.");
                }

                s.NmiCount++;
                return Reply.NoContent;
            default:
                return Reply.Error(400, "Base.1.8.ActionParameterValueNotInList", $"ResetType {type} is not supported.");
        }
    }

    private static void Change(SimulatedSystem s, string state)
    {
        if (s.LagGets <= 0)
        {
            s.PowerState = state;
            return;
        }

        s.PendingPowerState = state;
        s.PendingGets = s.LagGets + 1;
    }
}
