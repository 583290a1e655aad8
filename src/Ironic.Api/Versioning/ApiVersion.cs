using System.Globalization;

namespace Ironic.Api.Versioning;

/// <summary>A Bare Metal API microversion such as 1.31.</summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    /// <summary>The oldest version served; requests without a version header get it, as in Ironic.</summary>
    public static readonly ApiVersion Minimum = new(1, 1);

    /// <summary>
    /// The newest version whose features on the served resources are implemented. Raise it only
    /// together with the feature (and its test) that the next microversion brings.
    /// </summary>
    public static readonly ApiVersion Maximum = new(1, Microversions.Latest);

    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        var parts = text?.Trim().Split('.');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new ApiVersion(major, minor);
        return true;
    }

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    /// <summary>True when the request's version is at least 1.<paramref name="minor"/>.</summary>
    public bool AtLeast(int minor) => Major > 1 || Minor >= minor;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");
}
