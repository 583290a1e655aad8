using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>The chassis of a system, with its sensors (thermal, power). Called under the emulator's lock.</summary>
internal static class ChassisResources
{
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
}
