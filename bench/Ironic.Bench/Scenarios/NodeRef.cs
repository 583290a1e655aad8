namespace Ironic.Bench.Scenarios;

/// <summary>A node this run created.</summary>
internal sealed record NodeRef(int Index, string Uuid, string Name);
