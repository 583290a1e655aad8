using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// Sensor data in the shape Ironic's redfish management returns: <c>Fan</c>, <c>Temperature</c> and
/// <c>Power</c> from each chassis of the system, <c>Drive</c> from its SimpleStorage, keyed
/// <c>member@chassis</c> with sushy's field names. A part the BMC lacks or fails to serve only logs.
/// </summary>
internal sealed class RedfishSensors(RedfishBmc bmc, ILogger logger)
{
    public async Task<JsonObject> ReadAsync(JsonObject system, CancellationToken ct)
    {
        JsonObject fans = [], temperatures = [], power = [], drives = [];
        foreach (var chassisLink in (system["Links"]?["Chassis"] as JsonArray ?? []).Select(c => RedfishBmc.Link(c)).OfType<string>())
        {
            var chassis = await TryGetAsync("chassis", chassisLink, ct).ConfigureAwait(false);
            var chassisId = chassis?["Id"]?.ToString() ?? chassisLink;
            if (RedfishBmc.Link(chassis, "Thermal") is { } thermalLink && await TryGetAsync("thermal sensors", thermalLink, ct).ConfigureAwait(false) is { } thermal)
            {
                foreach (var fan in (thermal["Fans"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var sensor = Fields(fan, ("identity", "MemberId"), ("max_reading_range", "MaxReadingRange"), ("min_reading_range", "MinReadingRange"),
                        ("reading", "Reading"), ("reading_units", "ReadingUnits"), ("serial_number", "SerialNumber"), ("physical_context", "PhysicalContext"));
                    fans[$"{fan["MemberId"]}@{chassisId}"] = WithStatus(sensor, fan);
                }

                foreach (var temperature in (thermal["Temperatures"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var sensor = Fields(temperature, ("identity", "MemberId"), ("max_reading_range_temp", "MaxReadingRangeTemp"),
                        ("min_reading_range_temp", "MinReadingRangeTemp"), ("reading_celsius", "ReadingCelsius"), ("physical_context", "PhysicalContext"),
                        ("sensor_number", "SensorNumber"));
                    temperatures[$"{temperature["MemberId"]}@{chassisId}"] = WithStatus(sensor, temperature);
                }
            }

            if (RedfishBmc.Link(chassis, "Power") is { } powerLink && await TryGetAsync("power sensors", powerLink, ct).ConfigureAwait(false) is { } powerResource)
            {
                foreach (var supply in (powerResource["PowerSupplies"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var sensor = Fields(supply, ("power_capacity_watts", "PowerCapacityWatts"), ("line_input_voltage", "LineInputVoltage"),
                        ("last_power_output_watts", "LastPowerOutputWatts"), ("serial_number", "SerialNumber"));
                    power[$"{supply["MemberId"]}:{powerResource["Id"]}@{chassisId}"] = WithStatus(sensor, supply);
                }
            }
        }

        if (RedfishBmc.Link(system, "SimpleStorage") is { } storageLink)
        {
            try
            {
                foreach (var storage in await bmc.MembersAsync(storageLink, ct).ConfigureAwait(false))
                {
                    foreach (var device in (storage["Devices"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var sensor = Fields(device, ("name", "Name"), ("model", "Model"), ("capacity_bytes", "CapacityBytes"));
                        drives[$"{device["Name"]}:{storage["Id"]}@{system["Id"]}"] = WithStatus(sensor, device);
                    }
                }
            }
            catch (IronicException e) when (e is RedfishError or RedfishConnectionError)
            {
                RedfishLog.PartialReadFailed(logger, "drive sensors", bmc.Node, e.Message);
            }
        }

        return new JsonObject { ["Fan"] = fans, ["Temperature"] = temperatures, ["Power"] = power, ["Drive"] = drives };
    }

    private async Task<JsonObject?> TryGetAsync(string what, string path, CancellationToken ct)
    {
        try
        {
            return await bmc.GetAsync(path, ct).ConfigureAwait(false);
        }
        catch (IronicException e) when (e is RedfishError or RedfishConnectionError)
        {
            RedfishLog.PartialReadFailed(logger, what, bmc.Node, e.Message);
            return null;
        }
    }

    private static JsonObject Fields(JsonObject source, params (string Name, string Property)[] fields)
    {
        var sensor = new JsonObject();
        foreach (var (name, property) in fields)
        {
            sensor[name] = source[property]?.DeepClone();
        }

        return sensor;
    }

    private static JsonObject WithStatus(JsonObject sensor, JsonObject source)
    {
        sensor["state"] = source["Status"]?["State"]?.DeepClone();
        sensor["health"] = source["Status"]?["Health"]?.DeepClone();
        return sensor;
    }
}
