namespace Ironic.Data.Migrations;

/// <summary>One schema step. Steps are append-only: a released step is never edited, only followed.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
