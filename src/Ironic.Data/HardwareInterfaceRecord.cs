namespace Ironic.Data;

/// <summary>One implementation a conductor offers for a hardware type and kind; <c>IsDefault</c> marks the default.</summary>
public sealed record HardwareInterfaceRecord(string Conductor, string HardwareType, string InterfaceType, string InterfaceName, bool IsDefault);
