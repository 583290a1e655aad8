using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Host services over a temporary state path and in-memory options (<c>section.key</c> keys); deletes the directory on dispose.</summary>
internal sealed class TestServices : IDriverServices, IDriverConfig, IDisposable
{
    private readonly Dictionary<string, string> values;

    public TestServices(params (string Key, string Value)[] options)
    {
        StatePath = Path.Combine(Path.GetTempPath(), "ironic-pxe-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(StatePath);
        values = options.ToDictionary(o => o.Key, o => o.Value, StringComparer.OrdinalIgnoreCase);
    }

    public IDriverConfig Config => this;

    public TimeProvider Time => TimeProvider.System;

    public ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public string Host => "pxe-test-host";

    public string StatePath { get; }

    public string TftpRoot => Path.Combine(StatePath, "tftpboot");

    public string HttpRoot => Path.Combine(StatePath, "httpboot");

    public void Dispose() => Directory.Delete(StatePath, recursive: true);

    public string String(string section, string key, string defaultValue) => OptionalString(section, key) ?? defaultValue;

    public string? OptionalString(string section, string key) =>
        values.TryGetValue($"{section}.{key}", out var v) && v.Length > 0 ? v : null;

    public int Int(string section, string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        OptionalString(section, key) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : defaultValue;

    public double Float(string section, string key, double defaultValue, double min = double.MinValue) =>
        OptionalString(section, key) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : defaultValue;

    public bool Bool(string section, string key, bool defaultValue) =>
        OptionalString(section, key) is { } v ? bool.Parse(v) : defaultValue;

    public IReadOnlyList<string>? List(string section, string key, IReadOnlyList<string>? defaultValue) =>
        OptionalString(section, key) is { } v ? v.Split(',', StringSplitOptions.TrimEntries) : defaultValue;

    public string Choice(string section, string key, string defaultValue, params string[] choices)
    {
        var v = OptionalString(section, key) ?? defaultValue;
        return choices.Contains(v) ? v : throw new InvalidOperationException($"[{section}] {key} must be one of {string.Join(", ", choices)}");
    }
}
