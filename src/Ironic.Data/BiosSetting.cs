using System.Text.Json.Nodes;

namespace Ironic.Data;

/// <summary>A cached BIOS setting: its value and the registry fields the driver reported (may be empty).</summary>
public sealed record BiosSetting(string Name, string? Value, JsonObject Registry, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);
