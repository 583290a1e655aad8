using Ironic.Drivers.Objects;

namespace Ironic.Drivers;

/// <summary>
/// What every driver operation receives (Ironic's <c>task</c>): the node under its lock, its ports, and
/// the driver composed for it. Changes to <see cref="Node"/> are persisted by
/// <see cref="SaveNodeAsync"/>, which needs an exclusive lock.
/// </summary>
public interface ITaskContext
{
    Node Node { get; }

    IReadOnlyList<Port> Ports { get; }

    /// <summary>The node's hardware type and the interface implementations chosen for it.</summary>
    IDriver Driver { get; }

    /// <summary>True under a shared lock: read-only work; false under the node's exclusive lock.</summary>
    bool Shared { get; }

    /// <summary>Writes the node's fields (driver_internal_info, power_state, ...); needs the exclusive lock.</summary>
    Task SaveNodeAsync(CancellationToken ct);

    /// <summary>
    /// Creates a port on the node (inspection's discovered NICs); needs the exclusive lock.
    /// Throws <see cref="MacAlreadyExists"/> when a port with that address exists.
    /// </summary>
    Task<Port> CreatePortAsync(Port port, CancellationToken ct);

    /// <summary>
    /// Changes the node's power (Ironic's <c>node_power_action</c>): <see cref="PowerState.On"/>,
    /// <see cref="PowerState.Off"/>, <see cref="PowerState.Rebooting"/> or the soft variants. A node already in
    /// the asked state is left alone; afterwards <c>power_state</c> shows the result and the node is saved.
    /// Needs the exclusive lock; a failure throws the driver's error.
    /// </summary>
    Task NodePowerActionAsync(string target, CancellationToken ct);

    /// <summary>
    /// Reports on the asynchronous step the node is waiting on (<c>clean wait</c>, <c>wait call-back</c>): see
    /// <see cref="StepResult"/>. Applied by the conductor once this task's lock is released, under a new lock,
    /// so it may be called under a shared lock (a periodic task) too. Safe to call twice or late: if the node
    /// no longer waits on the step it waited on when reported (aborted, timed out, already continued), the
    /// report is dropped with a log line.
    /// </summary>
    void ReportStep(StepResult result);
}
