namespace Ironic.Drivers;

/// <summary>
/// Registers an interface implementation under a human-friendly name for its kind (Ironic's entry
/// points <c>ironic.hardware.interfaces.&lt;kind&gt;</c>), e.g. <c>[HardwareInterface("my-power")]</c>.
/// The kind comes from the base class (<see cref="PowerInterface"/> is <c>power</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HardwareInterfaceAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
