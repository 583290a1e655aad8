namespace Ironic.Data.Mapping;

/// <summary>One mapped column: its name (the field's wire name) and how values cross to and from the database.</summary>
internal sealed record Column(string Name, Type ClrType, Func<object, object?> Get, Action<object, object?> Set);
