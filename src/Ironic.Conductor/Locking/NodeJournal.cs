using Ironic.Data;
using Ironic.Drivers.Objects;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Locking;

/// <summary>
/// What goes into a node's history (Ironic's <c>node_history_record</c>): every provision state change
/// and maintenance change as INFO, every new last_error as ERROR, typed by the activity it belongs to.
/// </summary>
internal static class NodeJournal
{
    /// <summary>The fields whose changes are journaled, as they were at the last save.</summary>
    public readonly record struct Snapshot(string? ProvisionState, string? LastError, bool Maintenance)
    {
        public static Snapshot Of(Node node) => new(node.ProvisionState, node.LastError, node.Maintenance);
    }

    public static IEnumerable<NodeHistoryEvent> Changes(Snapshot before, Node after, string purpose, string host, DateTimeOffset now)
    {
        if (after.ProvisionState != before.ProvisionState)
        {
            yield return Event(after, host, now, EventTypeOf(after.ProvisionState, purpose), error: false,
                $"Node moved from provision state \"{before.ProvisionState}\" to \"{after.ProvisionState}\".");
        }

        if (after.Maintenance != before.Maintenance)
        {
            yield return Event(after, host, now, "maintenance", error: false, after.Maintenance
                ? $"Maintenance mode set{(after.MaintenanceReason is { Length: > 0 } r ? ": " + r : ".")}"
                : "Maintenance mode cleared.");
        }

        if (after.LastError is { Length: > 0 } error && error != before.LastError)
        {
            yield return Event(after, host, now, EventTypeOf(after.ProvisionState, purpose), error: true, error);
        }
    }

    public static NodeHistoryEvent Event(Node node, string host, DateTimeOffset now, string eventType, bool error, string text) => new()
    {
        Uuid = Guid.NewGuid().ToString(),
        NodeUuid = node.Uuid,
        Conductor = host,
        EventType = eventType,
        Severity = error ? "ERROR" : "INFO",
        Event = text,
        CreatedAt = now,
    };

    /// <summary>Ironic's event types: the activity, judged by why the lock was taken and where the node is.</summary>
    public static string EventTypeOf(string? state, string purpose)
    {
        if (purpose.Contains("power state sync", StringComparison.Ordinal))
        {
            return "monitoring";
        }

        if (purpose.Contains("console", StringComparison.Ordinal))
        {
            return "console";
        }

        return state switch
        {
            Cleaning or CleanWait or CleanFailed => "cleaning",
            Deploying or DeployWait or DeployFailed or Active => "deploying",
            Deleting or Error => "unprovision",
            Inspecting or InspectWait or InspectFailed => "introspection",
            Rescuing or RescueWait or RescueFailed or Rescue or Unrescuing or UnrescueFailed => "rescue",
            Adopting or AdoptFailed => "adoption",
            Verifying => "verify",
            _ => "provisioning",
        };
    }
}
