namespace Ironic.Drivers;

/// <summary>
/// Registers a <see cref="HardwareType"/> under a human-friendly name (Ironic's entry point
/// <c>ironic.hardware.types</c>), e.g. <c>[HardwareType("my-hardware")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class HardwareTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
