namespace Ironic.Data;

/// <summary>Who holds a node's exclusive lock, for what and since when.</summary>
public sealed record Reservation(string Host, string? Purpose, DateTimeOffset? Since);
