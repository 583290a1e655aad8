namespace Ironic.Data;

/// <summary>One condition of a list query on a mapped column.</summary>
public sealed record Filter(string Column, FilterOp Op, object? Value = null)
{
    public static Filter Eq(string column, object? value) => new(column, FilterOp.Equal, value);
}
