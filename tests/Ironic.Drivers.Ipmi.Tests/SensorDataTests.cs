namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>Parsing of <c>ipmitool sdr -v</c> output, including the cases ipmi_sim cannot produce.</summary>
public sealed class SensorDataTests
{
    private const string Output = """
        Sensor ID              : PSU1 Status (0x5)
         Entity ID             : 10.1 (Power Supply)
         Sensor Type (Discrete): Power Supply (0x08)
         Sensor Reading        : 0h
         States Asserted       : Power Supply
                                 [Presence detected]

        Sensor ID              : Ghost (0x6)
         Entity ID             : 7.1 (System Board)
         Sensor Type (Analog)  : Current (0x03)
         Status                : Not Available

        <<debug line: ignored
        Sensor ID              : Clock 12:00 (0x7)
         Sensor Type (Threshold)  : Temperature (0x01)
         Sensor Reading        : 30 (+/- 0) degrees C
        """;

    [Fact]
    public void Parse_GroupsByType_SkipsSensorsWithoutReadingAndLinesWithSeveralColons()
    {
        var data = SensorData.Parse("n1", Output);

        // "Sensor ID : Clock 12:00 (0x7)" has two colons and is dropped, as Ironic drops it; that block has no id then.
        Assert.Equal(["Power"], data.Select(d => d.Key));
        Assert.Equal("0h", (string?)data["Power"]!["PSU1 Status (0x5)"]!["Sensor Reading"]);
        Assert.Equal("Power Supply (0x08)", (string?)data["Power"]!["PSU1 Status (0x5)"]!["Sensor Type (Discrete)"]);
    }

    [Fact]
    public void Parse_EmptyOutput_IsNoSensors()
    {
        Assert.Empty(SensorData.Parse("n1", ""));
    }

    [Fact]
    public void Parse_BlockWithoutSensorType_FailsNamingTheNode()
    {
        var e = Assert.Throws<FailedToParseSensorData>(() => SensorData.Parse("n1", "Sensor ID : X (0x1)\n Sensor Reading : 1\n"));
        Assert.StartsWith("Failed to parse sensor data for node n1. Error: parse ipmi sensor data failed, unknown sensor type", e.Message);
    }

    [Fact]
    public void Parse_NoReadingAtAll_Fails()
    {
        var e = Assert.Throws<FailedToParseSensorData>(() => SensorData.Parse("n1", "Sensor ID : X (0x1)\n Sensor Type (Analog) : Current (0x03)\n"));
        Assert.Contains("get nothing with input data", e.Message);
    }
}
