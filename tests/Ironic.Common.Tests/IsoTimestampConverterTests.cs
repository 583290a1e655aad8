using System.Text.Json;
using Ironic.Common.Json;
using Ironic.Drivers.Objects;

namespace Ironic.Common.Tests;

public sealed class IsoTimestampConverterTests
{
    [Fact]
    public void Format_WithoutSubSecondPart_OmitsMicroseconds()
    {
        var t = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal("2024-05-01T10:00:00+00:00", IsoTimestampConverter.Format(t));
    }

    [Fact]
    public void Format_WithMicroseconds_WritesSixDigits()
    {
        var t = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 123, TimeSpan.Zero).AddTicks(4560);

        Assert.Equal("2024-05-01T10:00:00.123456+00:00", IsoTimestampConverter.Format(t));
    }

    [Fact]
    public void Format_WithMillisecondsOnly_PadsToSixDigitsLikePython()
    {
        var t = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 120, TimeSpan.Zero);

        Assert.Equal("2024-05-01T10:00:00.120000+00:00", IsoTimestampConverter.Format(t));
    }

    [Fact]
    public void Format_WithOnlySubMicrosecondTicks_TruncatesLikePython()
    {
        var t = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(7);

        Assert.Equal("2024-05-01T10:00:00+00:00", IsoTimestampConverter.Format(t));
    }

    [Fact]
    public void Format_ConvertsOtherOffsetsToUtc()
    {
        var t = new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal("2024-05-01T10:30:00+00:00", IsoTimestampConverter.Format(t));
    }

    [Theory]
    [InlineData("\"2024-05-01T10:00:00+00:00\"")]
    [InlineData("\"2024-05-01T10:00:00Z\"")]
    [InlineData("\"2024-05-01T12:00:00+02:00\"")]
    [InlineData("\"2024-05-01T10:00:00\"")]
    public void Read_AcceptsIsoFormsAndAssumesUtcWhenNaive(string json)
    {
        var t = JsonSerializer.Deserialize<DateTimeOffset>(json, IronicJson.Options);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), t);
    }

    [Fact]
    public void Format_ThenRead_RoundTripsToTheMicrosecond()
    {
        var t = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(9_876_540);

        var json = JsonSerializer.Serialize(t, IronicJson.Options);

        Assert.Equal(t, JsonSerializer.Deserialize<DateTimeOffset>(json, IronicJson.Options));
    }

    [Fact]
    public void IronicJson_WritesSnakeCaseNamesAndPythonTimestamps_IncludingNullables()
    {
        var node = new Node
        {
            Uuid = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123",
            Driver = "fake-hardware",
            CreatedAt = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 500, TimeSpan.Zero),
            ProvisionUpdatedAt = new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero),
        };

        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(node, IronicJson.Options));
        var root = doc.RootElement;

        Assert.Equal("2024-05-01T10:00:00.500000+00:00", root.GetProperty("created_at").GetString());
        Assert.Equal("2024-05-02T00:00:00+00:00", root.GetProperty("provision_updated_at").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("updated_at").ValueKind);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("driver_info").ValueKind);
        Assert.False(root.TryGetProperty("id", out _));
    }
}
