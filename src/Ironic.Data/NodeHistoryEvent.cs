using System.Text.Json.Serialization;

namespace Ironic.Data;

/// <summary>One entry of a node's history (Ironic's <c>node_history</c>): an error or a noteworthy change.</summary>
public sealed class NodeHistoryEvent
{
    /// <summary>Database row id; the order of events, never shown by the API.</summary>
    [JsonIgnore]
    public long Id { get; set; }

    public string Uuid { get; set; } = "";
    public string NodeUuid { get; set; } = "";
    public string? Conductor { get; set; }

    /// <summary>The activity it happened in: <c>provisioning</c>, <c>cleaning</c>, <c>monitoring</c>, ...</summary>
    public string EventType { get; set; } = "UNKNOWN";

    /// <summary><c>INFO</c> or <c>ERROR</c>.</summary>
    public string Severity { get; set; } = "INFO";

    public string Event { get; set; } = "";
    public string? User { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
