using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ironic.Common.Json;

/// <summary>
/// Writes timestamps as Python's <c>isoformat()</c> does (<c>2024-05-01T10:00:00.123456+00:00</c>,
/// microseconds only when non-zero), the form Ironic's clients parse; reads any ISO 8601 form.
/// </summary>
public sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var micro = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        return micro == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
