namespace Ironic.Data.Mapping;

/// <summary>One mapped column: its name (the field's wire name) and how values cross to and from the database.</summary>
internal sealed record Column(string Name, Type ClrType, Func<object, object?> Get, Action<object, object?> Set)
{
    /// <summary>Reads this column's value from a row.</summary>
    public Func<System.Data.Common.DbDataReader, int, object?> Read { get; } = ValueConverter.ReaderFor(ClrType);
}
