using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>
/// The resources of one system: the ComputerSystem with its power and boot override, its reset
/// state machine, inventory (processors, NICs, storage), BIOS, secure boot and its chassis sensors.
/// Called under the emulator's lock.
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

    public static Reply? Inventory(SimulatedSystem s, string[] rest)
    {
        var p = s.Path;
        var ok = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" };
        switch (rest)
        {
            case ["Processors"]:
                return Reply.Ok(Reply.Collection(p + "/Processors", "Processors", [p + "/Processors/CPU1", p + "/Processors/CPU2"]));
            case ["Processors", var cpu] when cpu is "CPU1" or "CPU2":
                var processor = new JsonObject
                {
                    ["@odata.id"] = $"{p}/Processors/{cpu}",
                    ["Id"] = cpu,
                    ["Socket"] = cpu,
                    ["ProcessorType"] = "CPU",
                    ["Model"] = "Sim CPU",
                    ["MaxSpeedMHz"] = 3000,
                    ["TotalCores"] = s.ThreadsPerProcessor / 2,
                    ["TotalThreads"] = s.ThreadsPerProcessor,
                    ["Status"] = ok.DeepClone(),
                };
                if (s.ProcessorArchitecture is not null)
                {
                    processor["ProcessorArchitecture"] = s.ProcessorArchitecture;
                }

                return Reply.Ok(processor);
            case ["EthernetInterfaces"]:
                return Reply.Ok(Reply.Collection(p + "/EthernetInterfaces", "NICs", s.Nics.Select(n => $"{p}/EthernetInterfaces/{n.Id}")));
            case ["EthernetInterfaces", var id] when s.Nics.Find(n => n.Id == id) is { } nic:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = $"{p}/EthernetInterfaces/{id}",
                    ["Id"] = id,
                    ["MACAddress"] = nic.Mac,
                    ["SpeedMbps"] = 10000,
                    ["Status"] = new JsonObject { ["State"] = nic.State, ["Health"] = nic.Health },
                });
            case ["SimpleStorage"]:
                return Reply.Ok(Reply.Collection(p + "/SimpleStorage", "Simple Storage", [p + "/SimpleStorage/1"]));
            case ["SimpleStorage", "1"]:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = p + "/SimpleStorage/1",
                    ["Id"] = "1",
                    ["Name"] = "SATA",
                    ["Devices"] = new JsonArray([.. s.SimpleStorageDisks.Select((size, i) => (JsonNode)new JsonObject
                    {
                        ["Name"] = $"Disk{i + 1}",
                        ["Model"] = "Sim SSD",
                        ["CapacityBytes"] = size,
                        ["Status"] = ok.DeepClone(),
                    })]),
                });
            case ["Storage"]:
                return Reply.Ok(Reply.Collection(p + "/Storage", "Storage", [p + "/Storage/1"]));
            case ["Storage", "1"]:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = p + "/Storage/1",
                    ["Id"] = "1",
                    ["Name"] = "RAID controller",
                    ["StorageControllers"] = new JsonArray(new JsonObject { ["MemberId"] = "0", ["Name"] = "Sim RAID" }),
                    ["Drives"] = new JsonArray([.. s.StorageDrives.Select((_, i) => (JsonNode)Reply.Link($"{p}/Storage/1/Drives/{i + 1}"))]),
                    ["Volumes"] = Reply.Link(p + "/Storage/1/Volumes"),
                });
            case ["Storage", "1", "Drives", var d] when int.TryParse(d, out var di) && di >= 1 && di <= s.StorageDrives.Count:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = $"{p}/Storage/1/Drives/{d}",
                    ["Id"] = d,
                    ["Name"] = "Drive " + d,
                    ["CapacityBytes"] = s.StorageDrives[di - 1],
                    ["BlockSizeBytes"] = 512,
                    ["MediaType"] = "SSD",
                    ["Protocol"] = "SATA",
                    ["Status"] = ok.DeepClone(),
                });
            case ["Storage", "1", "Volumes"]:
                return Reply.Ok(Reply.Collection(p + "/Storage/1/Volumes", "Volumes", s.StorageVolumes.Select((_, i) => $"{p}/Storage/1/Volumes/{i + 1}")));
            case ["Storage", "1", "Volumes", var v] when int.TryParse(v, out var vi) && vi >= 1 && vi <= s.StorageVolumes.Count:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = $"{p}/Storage/1/Volumes/{v}",
                    ["Id"] = v,
                    ["CapacityBytes"] = s.StorageVolumes[vi - 1],
                    ["VolumeType"] = "Mirrored",
                    ["RAIDType"] = "RAID1",
                });
            default:
                return null;
        }
    }

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

    public static Reply? Chassis(SimulatedSystem s, string[] rest)
    {
        var p = "/redfish/v1/Chassis/" + s.Id;
        var ok = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" };
        return rest switch
        {
            [] => Reply.Ok(new JsonObject
            {
                ["@odata.id"] = p,
                ["Id"] = s.Id,
                ["Name"] = "Chassis " + s.Id,
                ["ChassisType"] = "RackMount",
                ["PowerState"] = s.PowerState,
                ["IndicatorLED"] = "Off",
                ["Thermal"] = Reply.Link(p + "/Thermal"),
                ["Power"] = Reply.Link(p + "/Power"),
                ["Links"] = new JsonObject { ["ComputerSystems"] = new JsonArray(Reply.Link(s.Path)) },
            }),
            ["Thermal"] => Reply.Ok(new JsonObject
            {
                ["@odata.id"] = p + "/Thermal",
                ["Id"] = "Thermal",
                ["Name"] = "Thermal",
                ["Temperatures"] = new JsonArray(new JsonObject
                {
                    ["MemberId"] = "0",
                    ["Name"] = "CPU1 Temp",
                    ["SensorNumber"] = 5,
                    ["ReadingCelsius"] = s.PowerState == "On" ? 45 : 21,
                    ["PhysicalContext"] = "CPU",
                    ["UpperThresholdCritical"] = 90,
                    ["MinReadingRangeTemp"] = 0,
                    ["MaxReadingRangeTemp"] = 120,
                    ["Status"] = ok.DeepClone(),
                }),
                ["Fans"] = new JsonArray(new JsonObject
                {
                    ["MemberId"] = "0",
                    ["Name"] = "Fan 1",
                    ["Reading"] = s.PowerState == "On" ? 6000 : 0,
                    ["ReadingUnits"] = "RPM",
                    ["PhysicalContext"] = "SystemBoard",
                    ["MinReadingRange"] = 0,
                    ["MaxReadingRange"] = 12000,
                    ["Status"] = ok.DeepClone(),
                }),
            }),
            ["Power"] => Reply.Ok(new JsonObject
            {
                ["@odata.id"] = p + "/Power",
                ["Id"] = "Power",
                ["Name"] = "Power",
                ["PowerSupplies"] = new JsonArray(new JsonObject
                {
                    ["MemberId"] = "0",
                    ["Name"] = "PSU 1",
                    ["PowerCapacityWatts"] = 800,
                    ["LineInputVoltage"] = 230,
                    ["LastPowerOutputWatts"] = s.PowerState == "On" ? 210 : 5,
                    ["SerialNumber"] = "PSU" + s.Id,
                    ["InputRanges"] = new JsonArray(new JsonObject
                    {
                        ["InputType"] = "AC",
                        ["MinimumVoltage"] = 100,
                        ["MaximumVoltage"] = 250,
                        ["OutputWattage"] = 800,
                    }),
                    ["Status"] = ok.DeepClone(),
                }),
            }),
            _ => null,
        };
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
