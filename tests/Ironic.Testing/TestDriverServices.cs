using System.Collections.Concurrent;
using Ironic.Common.Config;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Testing;

/// <summary>
/// What the host lends a plugin (<see cref="IDriverServices"/>), for constructing interfaces by hand in a test:
/// options given as <c>("section.option", value)</c> pairs and read through the host's own configuration code,
/// a clock (the system's unless the test passes a <see cref="ManualTimeProvider"/>), a logger that keeps every
/// line in <see cref="Lines"/>, and a temporary state path, made on first use and deleted on dispose.
/// </summary>
public sealed class TestDriverServices : IDriverServices, IDisposable
{
    private readonly Lazy<string> statePath = new(() => Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "ironic-driver-tests-" + Guid.NewGuid().ToString("N"))).FullName);

    private readonly LineLoggerFactory loggers;

    /// <param name="options">Options as <c>("section.option", value)</c>, e.g. <c>("pxe.tftp_root", "/srv/tftp")</c>.</param>
    public TestDriverServices(params (string Option, string Value)[] options)
        : this(TimeProvider.System, options)
    {
    }

    /// <param name="time">The clock the interfaces see.</param>
    /// <param name="options">Options as <c>("section.option", value)</c>.</param>
    public TestDriverServices(TimeProvider time, params (string Option, string Value)[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (option, value) in options)
        {
            var dot = option.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0)
            {
                throw new ArgumentException($"Option \"{option}\" is not of the form section.option.", nameof(options));
            }

            environment[EnvironmentName(option[..dot], option[(dot + 1)..])] = value;
        }

        Config = new ConfigSource([], environment);
        Time = time;
        loggers = new LineLoggerFactory(Lines);
    }

    public IDriverConfig Config { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory => loggers;

    public string Host => IronicTestHost.DefaultHostName;

    public string StatePath => statePath.Value;

    /// <summary>Every line logged so far, formatted with its level and exception (tests look for secrets in them).</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Dispose()
    {
        if (statePath.IsValueCreated && Directory.Exists(statePath.Value))
        {
            Directory.Delete(statePath.Value, recursive: true);
        }
    }

    // The name an operator's environment would use: IRONIC_<SECTION>__<OPTION>.
    private static string EnvironmentName(string section, string option) =>
        $"IRONIC_{section.ToUpperInvariant()}__{option.ToUpperInvariant()}";

    private sealed class LineLoggerFactory(ConcurrentQueue<string> lines) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new LineLogger(lines);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class LineLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
