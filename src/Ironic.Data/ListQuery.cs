namespace Ironic.Data;

/// <summary>A page request: filters, sort key and direction, page size and the marker (last UUID seen).</summary>
public sealed record ListQuery
{
    public IReadOnlyList<Filter> Filters { get; init; } = [];
    public int Limit { get; init; } = 1000;
    public string? MarkerUuid { get; init; }
    public string SortKey { get; init; } = "id";
    public bool Descending { get; init; }
}
