using System.Text.Json.Nodes;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// Turns <c>ipmitool sdr -v</c> into Ironic's sensor data: sensors grouped by type, then by sensor id,
/// each with every "key : value" line of its block (Ironic's <c>_parse_ipmi_sensors_data</c>).
/// </summary>
internal static class SensorData
{
    private static readonly string[] TypeKeys = ["Sensor Type (Analog)", "Sensor Type (Discrete)", "Sensor Type (Threshold)"];

    public static JsonObject Parse(string nodeUuid, string output)
    {
        var result = new JsonObject();
        if (string.IsNullOrWhiteSpace(output))
        {
            return result;
        }

        foreach (var block in output.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        {
            var fields = Fields(block);
            if (fields.Count == 0)
            {
                continue;
            }

            var type = TypeKeys.Select(k => fields.TryGetValue(k, out var v) ? v.Split(' ', 2)[0] : null).FirstOrDefault(t => t is not null)
                ?? throw new FailedToParseSensorData(nodeUuid,
                    $"parse ipmi sensor data failed, unknown sensor type data: {new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))).ToJsonString()}");

            // Sensors without a current reading are left out, as Ironic does.
            if (fields.ContainsKey("Sensor Reading") && fields.TryGetValue("Sensor ID", out var id))
            {
                if (result[type] is not JsonObject group)
                {
                    result[type] = group = [];
                }

                group[id] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value)));
            }
        }

        return result.Count > 0
            ? result
            : throw new FailedToParseSensorData(nodeUuid, $"parse ipmi sensor data failed, get nothing with input data: {output}");
    }

    private static Dictionary<string, string> Fields(string block)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in block.Split('\n'))
        {
            // "<<" lines are ipmitool's debug output; lines with more than one colon are not key/value pairs.
            if (line.Length == 0 || line.StartsWith("<<", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(':');
            if (parts.Length == 2)
            {
                fields[parts[0].Trim()] = parts[1].Trim();
            }
        }

        return fields;
    }
}
