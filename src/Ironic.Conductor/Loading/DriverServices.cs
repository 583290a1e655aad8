using Ironic.Common.Config;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Conductor.Loading;

/// <summary>The host's side of <see cref="IDriverServices"/>.</summary>
public sealed class DriverServices(IronicOptions options, TimeProvider time, ILoggerFactory loggerFactory) : IDriverServices
{
    /// <summary>Services for tools and tests: the system clock and no logging.</summary>
    public DriverServices(IronicOptions options)
        : this(options, TimeProvider.System, NullLoggerFactory.Instance)
    {
    }

    public IDriverConfig Config => options.Source;

    public TimeProvider Time => time;

    public ILoggerFactory LoggerFactory => loggerFactory;

    public string Host => options.Default.Host;

    public string StatePath => options.Default.StatePath;
}
