namespace Ironic.Drivers;

/// <summary>
/// Typed reads of configuration options (section names as in <c>ironic.conf</c>, e.g. <c>ipmi</c>).
/// A malformed value throws, naming the option and where it was set.
/// </summary>
public interface IDriverConfig
{
    string String(string section, string key, string defaultValue);

    /// <summary>The value, or null when unset or empty.</summary>
    string? OptionalString(string section, string key);

    int Int(string section, string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue);

    double Float(string section, string key, double defaultValue, double min = double.MinValue);

    bool Bool(string section, string key, bool defaultValue);

    /// <summary>A comma-separated list, or <paramref name="defaultValue"/> when unset.</summary>
    IReadOnlyList<string>? List(string section, string key, IReadOnlyList<string>? defaultValue);

    /// <summary>One of <paramref name="choices"/>, else an error listing them.</summary>
    string Choice(string section, string key, string defaultValue, params string[] choices);
}
