using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ironic.Drivers.Objects;

/// <summary>A physical network interface of a node, identified by its MAC address.</summary>
public sealed class Port
{
    /// <summary>Database row id; ordering key for pagination, never shown by the API.</summary>
    [JsonIgnore]
    public long Id { get; set; }

    public string Uuid { get; set; } = "";
    public string Address { get; set; } = "";
    public string NodeUuid { get; set; } = "";
    public string? PortgroupUuid { get; set; }
    public JsonObject Extra { get; set; } = [];
    public JsonObject InternalInfo { get; set; } = [];
    public JsonObject LocalLinkConnection { get; set; } = [];
    public bool PxeEnabled { get; set; } = true;
    public string? PhysicalNetwork { get; set; }
    public bool IsSmartnic { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
