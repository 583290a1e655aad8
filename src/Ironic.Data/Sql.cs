using System.Data.Common;
using System.Globalization;

namespace Ironic.Data;

/// <summary>Small helpers for parameters and value conversion shared by the stores.</summary>
internal static class Sql
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static void Param(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    public static string Timestamp(DateTimeOffset t) =>
        t.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture);

    // The exact format we write is parsed first (several times faster); anything else the general way.
    public static DateTimeOffset ParseTimestamp(string s) =>
        DateTimeOffset.TryParseExact(s, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
