using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ironic.Common.Objects;

/// <summary>A group of a node's ports bonded together (a LAG); the host's alone until a driver interface uses one.</summary>
public sealed class Portgroup
{
    /// <summary>Database row id; ordering key for pagination, never shown by the API.</summary>
    [JsonIgnore]
    public long Id { get; set; }

    public string Uuid { get; set; } = "";
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string NodeUuid { get; set; } = "";
    public JsonObject Extra { get; set; } = [];
    public JsonObject InternalInfo { get; set; } = [];
    public bool StandalonePortsSupported { get; set; } = true;
    public string? Mode { get; set; }
    public JsonObject Properties { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
