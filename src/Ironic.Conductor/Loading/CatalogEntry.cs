namespace Ironic.Conductor.Loading;

/// <summary>A discovered hardware type or interface implementation: its name, kind, class and origin.</summary>
/// <param name="Kind">"hardware-type" or an interface kind such as "power".</param>
public sealed record CatalogEntry(string Kind, string Name, Type Type, string Source);
