using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Ipmi;

/// <summary>What every ipmitool interface builds from the host's services in its constructor.</summary>
internal sealed class IpmiContext
{
    public IpmiContext(IDriverServices services, string category)
    {
        Options = IpmiOptions.Read(services.Config);
        Time = services.Time;
        Ipmitool = new Ipmitool(Options, Time, services.LoggerFactory.CreateLogger(category));
    }

    public IpmiOptions Options { get; }

    public TimeProvider Time { get; }

    public Ipmitool Ipmitool { get; }
}
