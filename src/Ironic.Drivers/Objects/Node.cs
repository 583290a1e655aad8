using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ironic.Drivers.Objects;

/// <summary>
/// A bare metal node as stored and as seen by drivers. Property names map to Ironic's snake_case
/// field names (<c>DriverInfo</c> is <c>driver_info</c>); dictionaries are JSON objects.
/// </summary>
public sealed class Node
{
    /// <summary>Database row id; ordering key for pagination, never shown by the API.</summary>
    [JsonIgnore]
    public long Id { get; set; }

    public string Uuid { get; set; } = "";
    public string? Name { get; set; }
    public string Driver { get; set; } = "";
    public JsonObject DriverInfo { get; set; } = [];
    public JsonObject DriverInternalInfo { get; set; } = [];
    public JsonObject Extra { get; set; } = [];
    public JsonObject Properties { get; set; } = [];
    public JsonObject InstanceInfo { get; set; } = [];
    public string? InstanceUuid { get; set; }
    public string? ChassisUuid { get; set; }
    public string? PowerState { get; set; }
    public string? TargetPowerState { get; set; }
    public string? ProvisionState { get; set; }
    public string? TargetProvisionState { get; set; }
    public DateTimeOffset? ProvisionUpdatedAt { get; set; }
    public string? LastError { get; set; }
    public bool Maintenance { get; set; }
    public string? MaintenanceReason { get; set; }
    public string? Fault { get; set; }
    public bool ConsoleEnabled { get; set; }
    public string? Reservation { get; set; }
    public DateTimeOffset? InspectionStartedAt { get; set; }
    public DateTimeOffset? InspectionFinishedAt { get; set; }
    public JsonObject CleanStep { get; set; } = [];
    public JsonObject DeployStep { get; set; } = [];
    public JsonObject ServiceStep { get; set; } = [];
    public JsonObject RaidConfig { get; set; } = [];
    public JsonObject TargetRaidConfig { get; set; } = [];
    public string? ResourceClass { get; set; }
    public string? BiosInterface { get; set; }
    public string? BootInterface { get; set; }
    public string? ConsoleInterface { get; set; }
    public string? DeployInterface { get; set; }
    public string? FirmwareInterface { get; set; }
    public string? InspectInterface { get; set; }
    public string? ManagementInterface { get; set; }
    public string? NetworkInterface { get; set; }
    public string? PowerInterface { get; set; }
    public string? RaidInterface { get; set; }
    public string? RescueInterface { get; set; }
    public string? StorageInterface { get; set; }
    public string? VendorInterface { get; set; }
    public string ConductorGroup { get; set; } = "";
    public JsonArray Traits { get; set; } = [];
    public bool? AutomatedClean { get; set; }
    public bool Protected { get; set; }
    public string? ProtectedReason { get; set; }
    public string? Owner { get; set; }
    public string? Lessee { get; set; }
    public string? Description { get; set; }

    /// <summary>The conductor that manages the node; computed when shown, not stored.</summary>
    public string? Conductor { get; set; }

    public string? AllocationUuid { get; set; }
    public bool Retired { get; set; }
    public string? RetiredReason { get; set; }
    public JsonObject NetworkData { get; set; } = [];
    public string? BootMode { get; set; }
    public bool? SecureBoot { get; set; }
    public string? Shard { get; set; }
    public string? ParentNode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
