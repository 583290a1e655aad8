using Microsoft.Extensions.Logging;

namespace Ironic.Drivers;

/// <summary>
/// What the host lends a plugin: its configuration, clock and logging. A hardware type or interface
/// whose public constructor takes one parameter of this type receives it when it is enabled;
/// read options there, so a malformed value stops start-up and the option is not reported as unknown.
/// </summary>
public interface IDriverServices
{
    /// <summary>The merged <c>ironic.conf</c> files and <c>IRONIC_&lt;SECTION&gt;__&lt;OPTION&gt;</c> overrides.</summary>
    IDriverConfig Config { get; }

    /// <summary>The clock: use it for waits and timestamps so tests can drive time.</summary>
    TimeProvider Time { get; }

    /// <summary>Logging; never log a secret (see <see cref="ITaskContext.Node"/>'s masked driver_info).</summary>
    ILoggerFactory LoggerFactory { get; }

    /// <summary>The conductor's host name.</summary>
    string Host { get; }

    /// <summary><c>[DEFAULT] state_path</c>: where a plugin may keep files of its own.</summary>
    string StatePath { get; }
}
