namespace Ironic.Drivers;

/// <summary>
/// Declares a method of a hardware interface as a periodic task (Ironic's <c>node_periodic</c>). The
/// method has the shape <c>Task Name(ITaskContext task, CancellationToken ct)</c>; the conductor calls it
/// every <see cref="Spacing"/> seconds for each node it manages whose driver uses this implementation and
/// that matches the filters, under the node's lock. A node locked by other work is skipped until the next
/// run; a call that throws is logged and does not stop the others. Read once when the plugin loads.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class DriverPeriodicTaskAttribute(int spacing) : Attribute
{
    /// <summary>Seconds between runs (unless <see cref="SpacingOption"/> is set in the configuration).</summary>
    public int Spacing { get; } = spacing > 0 ? spacing : throw new ArgumentOutOfRangeException(nameof(spacing), "Spacing must be positive.");

    /// <summary>
    /// An option that overrides <see cref="Spacing"/> when set, as <c>section.option</c>
    /// (e.g. <c>redfish.raid_config_status_interval</c>); 0 or less there turns the task off.
    /// </summary>
    public string? SpacingOption { get; init; }

    /// <summary>Only nodes in these provision states (e.g. <c>clean wait</c>); none means every state.</summary>
    public string[] ProvisionStates { get; init; } = [];

    /// <summary>Nodes in maintenance are skipped unless this is true.</summary>
    public bool IncludeMaintenance { get; init; }

    /// <summary>
    /// The method reads only (a shared lock) unless false; it may still report on an asynchronous step
    /// (<see cref="ITaskContext.ReportStep"/>), which the conductor applies after the lock is released.
    /// </summary>
    public bool Shared { get; init; } = true;
}
