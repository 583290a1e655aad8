namespace Ironic.Drivers.Fake;

/// <summary>
/// One flat provider network shared by all nodes (Ironic's <c>flat</c> network). Ironic binds ports
/// and creates cleaning ports in Neutron; there is no Neutron integration here, so validation passes
/// and every operation is a no-op until one exists.
/// </summary>
[HardwareInterface("flat")]
public sealed class FlatNetwork : NetworkInterface
{
}
