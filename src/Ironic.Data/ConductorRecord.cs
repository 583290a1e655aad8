namespace Ironic.Data;

/// <summary>A row of the <c>conductors</c> table.</summary>
public sealed record ConductorRecord(string Hostname, IReadOnlyList<string> Drivers, bool Online, string ConductorGroup,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);
