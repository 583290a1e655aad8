using System.Text.RegularExpressions;

namespace Ironic.Common.Validation;

/// <summary>Ironic's rules for UUIDs, logical names and MAC addresses.</summary>
public static partial class Identifiers
{
    /// <summary>True when the value parses as a UUID, with or without dashes, as oslo's is_uuid_like.</summary>
    public static bool IsUuidLike(string? value) => value is not null && Guid.TryParse(value, out _);

    /// <summary>The value as a canonical UUID, or <see cref="InvalidUuid"/> naming <paramref name="field"/>.</summary>
    public static string RequireUuid(string field, string value) =>
        IsUuidLike(value) ? NormalizeUuid(value) : throw new InvalidUuid(field, value);

    /// <summary>The value as a lower-case MAC address, or <see cref="InvalidMac"/> naming <paramref name="field"/>.</summary>
    public static string RequireMac(string field, string value) => NormalizeMac(value) ?? throw new InvalidMac(field, value);

    /// <summary>A UUID in its canonical lower-case dashed form.</summary>
    public static string NormalizeUuid(string value) => Guid.Parse(value).ToString("D");

    /// <summary>
    /// Logical names from API 1.10 on: RFC 3986 unreserved characters, at most 255; before 1.10,
    /// lower-case host names.
    /// </summary>
    public static bool IsValidLogicalName(string value, bool hostnameRules) =>
        value.Length is > 0 and <= 255
        && (hostnameRules ? HostnameName().IsMatch(value) : UnreservedName().IsMatch(value));

    /// <summary>Lower-cases a MAC address (colon form only, as Ironic accepts), or returns null when it is not one.</summary>
    public static string? NormalizeMac(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var m = Mac().Match(value);
        return m.Success ? value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-._~]+\z")]
    private static partial Regex UnreservedName();

    [GeneratedRegex(@"^(?=.{1,255}\z)[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?(\.[a-z0-9\-_]{0,62}[a-z0-9])*\.?\z")]
    private static partial Regex HostnameName();

    [GeneratedRegex(@"^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}\z")]
    private static partial Regex Mac();
}
