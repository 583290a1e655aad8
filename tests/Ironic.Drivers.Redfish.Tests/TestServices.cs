using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>
/// Host services with in-memory options (<c>section.key</c> keys), the system clock, and a logger
/// that keeps every formatted line so tests can look for secrets in it. Retries are quick by default.
/// </summary>
internal sealed class TestServices : IDriverServices, IDriverConfig, ILoggerFactory, ILoggerProvider
{
    private readonly Dictionary<string, string> values;

    public TestServices(params (string Key, string Value)[] options)
    {
        values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["redfish.connection_attempts"] = "3",
            ["redfish.connection_retry_interval"] = "0.01",
            ["conductor.power_state_change_timeout"] = "5",
        };
        foreach (var (key, value) in options)
        {
            values[key] = value;
        }
    }

    /// <summary>Every log line written so far, formatted.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDriverConfig Config => this;

    public TimeProvider Time => TimeProvider.System;

    public ILoggerFactory LoggerFactory => this;

    public string Host => "redfish-test-host";

    public string StatePath => Path.GetTempPath();

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

    public ILogger CreateLogger(string categoryName) => new LineLogger(Lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class LineLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
