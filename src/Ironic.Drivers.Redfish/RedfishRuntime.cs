using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish;

/// <summary>What every redfish interface keeps from the host: its options, clock and logger.</summary>
internal sealed class RedfishRuntime(IDriverServices services, string category)
{
    public RedfishOptions Options { get; } = RedfishOptions.Read(services.Config);

    public TimeProvider Time { get; } = services.Time;

    public ILogger Logger { get; } = services.LoggerFactory.CreateLogger(category);

    /// <summary>Parses driver_info; throws MissingParameterValue or InvalidParameterValue.</summary>
    public RedfishEndpoint Parse(ITaskContext task) => RedfishDriverInfo.Parse(task.Node, Options.AuthType);

    /// <summary>The node's BMC, through the shared connection for its address and credentials.</summary>
    public RedfishBmc Connect(ITaskContext task)
    {
        var endpoint = Parse(task);
        return new RedfishBmc(task.Node.Uuid, endpoint, RedfishConnectionCache.Get(endpoint, Options, Time, Logger));
    }
}
