using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ironic.Common.Objects;

/// <summary>A physical enclosure grouping nodes; the host's alone (drivers never see one).</summary>
public sealed class Chassis
{
    /// <summary>Database row id; ordering key for pagination, never shown by the API.</summary>
    [JsonIgnore]
    public long Id { get; set; }

    public string Uuid { get; set; } = "";
    public string? Description { get; set; }
    public JsonObject Extra { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
