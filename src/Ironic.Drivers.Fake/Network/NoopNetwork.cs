namespace Ironic.Drivers.Fake;

/// <summary>No network management (Ironic's <c>noop</c> network): the ports are wired by someone else.</summary>
[HardwareInterface("noop")]
public sealed class NoopNetwork : NetworkInterface
{
}
