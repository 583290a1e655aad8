using System.Globalization;
using System.Text.RegularExpressions;

namespace Ironic.Common.Config;

/// <summary>
/// The merged raw configuration: config files in order, then environment variables
/// <c>IRONIC_&lt;SECTION&gt;__&lt;OPTION&gt;</c> (e.g. <c>IRONIC_API__PORT</c>). Typed getters record which
/// options are known, so the rest can be reported once each as oslo.config does.
/// </summary>
public sealed partial class ConfigSource : Ironic.Drivers.IDriverConfig
{
    private readonly Dictionary<(string Section, string Key), ConfigValue> values = new(KeyComparer.Instance);
    private readonly HashSet<(string Section, string Key)> known = new(KeyComparer.Instance);

    /// <summary>Loads the given files (later ones win) and the environment.</summary>
    public ConfigSource(IEnumerable<string> files, IReadOnlyDictionary<string, string>? environment = null)
    {
        foreach (var file in files)
        {
            IniFile.Load(file, values);
        }

        var env = environment ?? System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        Environment = env;
        foreach (var (name, value) in env)
        {
            if (!name.StartsWith("IRONIC_", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = name["IRONIC_".Length..];
            var sep = rest.IndexOf("__", StringComparison.Ordinal);
            if (sep <= 0)
            {
                continue;
            }

            var section = rest[..sep];
            section = section.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase) ? "DEFAULT" : section.ToLowerInvariant();
            values[(section, rest[(sep + 2)..].ToLowerInvariant())] = new ConfigValue(value, $"environment variable {name}");
        }
    }

    /// <summary>The environment the options were read with (the process's unless a test gave one).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Where state lives when <c>[DEFAULT] state_path</c> is not set.</summary>
    public string DefaultStatePath => Defaults.StatePath(Environment);

    /// <summary>Options present in the sources that no component asked for, sorted, once each.</summary>
    public IEnumerable<string> UnknownOptions()
    {
        lock (known)
        {
            return [.. values.Keys.Where(k => !known.Contains(k)).Select(k => $"[{k.Section}] {k.Key}").Order(StringComparer.Ordinal)];
        }
    }

    public string String(string section, string key, string defaultValue) => Raw(section, key) ?? defaultValue;

    public string? OptionalString(string section, string key) => Raw(section, key) is { Length: > 0 } v ? v : null;

    public int Int(string section, string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var raw = Raw(section, key);
        if (raw is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            var range = min == int.MinValue && max == int.MaxValue ? "an integer" : $"an integer between {min} and {max}";
            throw Malformed(section, key, raw, range);
        }

        return v;
    }

    public double Float(string section, string key, double defaultValue, double min = double.MinValue)
    {
        var raw = Raw(section, key);
        if (raw is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min)
        {
            throw Malformed(section, key, raw, min == double.MinValue ? "a number" : $"a number of at least {min.ToString(CultureInfo.InvariantCulture)}");
        }

        return v;
    }

    public bool Bool(string section, string key, bool defaultValue)
    {
        var raw = Raw(section, key);
        if (raw is null)
        {
            return defaultValue;
        }

        return raw.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw Malformed(section, key, raw, "a boolean (true or false)"),
        };
    }

    public IReadOnlyList<string>? List(string section, string key, IReadOnlyList<string>? defaultValue)
    {
        var raw = Raw(section, key);
        return raw is null
            ? defaultValue
            : raw.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
    }

    public string Choice(string section, string key, string defaultValue, params string[] choices)
    {
        var raw = Raw(section, key);
        if (raw is null)
        {
            return defaultValue;
        }

        return choices.Contains(raw, StringComparer.Ordinal)
            ? raw
            : throw Malformed(section, key, raw, choices.Length == 1 ? $"{choices[0]} (the only value this build supports)" : "one of " + string.Join(", ", choices));
    }

    private ConfigError Malformed(string section, string key, string raw, string expected)
    {
        var source = values.TryGetValue((section, key), out var v) ? v.Source : "configuration";
        return new ConfigError($"Invalid value '{raw}' for option [{section}] {key} in {source}: expected {expected}.");
    }

    private string? Raw(string section, string key)
    {
        // Plugins may read their options from any thread.
        lock (known)
        {
            known.Add((section, key));
        }

        return values.TryGetValue((section, key), out var v) ? Interpolate(v.Value, section, 0) : null;
    }

    // oslo.config substitutes $name and ${name} with other options (state_path above all).
    private string Interpolate(string value, string section, int depth)
    {
        if (depth > 5 || !value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        return Reference().Replace(value, m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
            if (values.TryGetValue((section, name), out var v) || values.TryGetValue(("DEFAULT", name), out v))
            {
                return Interpolate(v.Value, section, depth + 1);
            }

            return name == "state_path" ? DefaultStatePath : m.Value;
        });
    }

    [GeneratedRegex(@"\$\{(\w+)\}|\$(\w+)")]
    private static partial Regex Reference();

    private sealed class KeyComparer : IEqualityComparer<(string Section, string Key)>
    {
        public static readonly KeyComparer Instance = new();

        // Section names are case-sensitive in oslo.config except DEFAULT; option names are not.
        public bool Equals((string Section, string Key) x, (string Section, string Key) y) =>
            string.Equals(x.Section, y.Section, StringComparison.Ordinal)
            && string.Equals(x.Key, y.Key, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Section, string Key) obj) =>
            HashCode.Combine(obj.Section, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
    }
}
