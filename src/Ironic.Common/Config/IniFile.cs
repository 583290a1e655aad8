namespace Ironic.Common.Config;

/// <summary>
/// Reads oslo.config style INI files: <c>[section]</c> headers, <c>key = value</c> lines,
/// <c>#</c>/<c>;</c> comments and indented continuation lines. Later files override earlier ones.
/// </summary>
internal static class IniFile
{
    public static void Load(string path, Dictionary<(string Section, string Key), ConfigValue> into)
    {
        if (!File.Exists(path))
        {
            throw new ConfigError($"Config file {path} not found.");
        }

        string? section = null;
        (string, string)? last = null;
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] is ' ' or '\t' && last is { } key && into.TryGetValue(key, out var prev))
            {
                into[key] = prev with { Value = prev.Value + "\n" + trimmed };
                continue;
            }

            if (trimmed[0] == '[')
            {
                if (!trimmed.EndsWith(']'))
                {
                    throw new ConfigError($"{path}:{lineNo}: invalid section header '{trimmed}'.");
                }

                section = trimmed[1..^1].Trim();
                if (section.Equals("default", StringComparison.OrdinalIgnoreCase))
                {
                    section = "DEFAULT";
                }

                last = null;
                continue;
            }

            var eq = trimmed.IndexOfAny(['=', ':']);
            if (eq <= 0)
            {
                throw new ConfigError($"{path}:{lineNo}: expected 'name = value', found '{trimmed}'.");
            }

            if (section is null)
            {
                throw new ConfigError($"{path}:{lineNo}: option '{trimmed[..eq].Trim()}' appears before any [section].");
            }

            var name = trimmed[..eq].Trim();
            var value = Unquote(trimmed[(eq + 1)..].Trim());
            last = (section, name);
            into[(section, name)] = new ConfigValue(value, $"{path}:{lineNo}");
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' && value[^1] == '"' || value[0] == '\'' && value[^1] == '\'')
            ? value[1..^1]
            : value;
}
