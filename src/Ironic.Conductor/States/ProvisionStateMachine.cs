using Ironic.Drivers;
using E = Ironic.Conductor.States.ProvisionEvent;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.States;

/// <summary>
/// Ironic's provision state machine as data: one line per transition. Everything that moves a node's
/// <c>provision_state</c> asks this table first, and <c>docs/states.md</c> is drawn from it.
/// </summary>
public static class ProvisionStateMachine
{
    /// <summary>Every transition, grouped by the flow it belongs to.</summary>
    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        // Enrollment and verification.
        new(Enroll, E.Manage, Verifying),
        new(Verifying, E.Done, Manageable),
        new(Verifying, E.Fail, Enroll),

        // Deployment.
        new(Available, E.Deploy, Deploying),
        new(Deploying, E.Wait, DeployWait),
        new(DeployWait, E.Resume, Deploying),
        new(Deploying, E.Done, Active),
        new(Deploying, E.Fail, DeployFailed),
        new(DeployWait, E.Fail, DeployFailed),
        new(DeployFailed, E.Rebuild, Deploying),
        new(DeployFailed, E.Deploy, Deploying),
        new(Active, E.Rebuild, Deploying),
        new(Error, E.Rebuild, Deploying),

        // Tear-down.
        new(Active, E.Delete, Deleting),
        new(DeployWait, E.Delete, Deleting),
        new(DeployFailed, E.Delete, Deleting),
        new(Error, E.Delete, Deleting),
        new(Deleting, E.Fail, Error),
        new(Deleting, E.Clean, Cleaning),

        // Cleaning.
        new(Manageable, E.Provide, Cleaning),
        new(Manageable, E.Clean, Cleaning),
        new(Cleaning, E.Wait, CleanWait),
        new(CleanWait, E.Resume, Cleaning),
        new(Cleaning, E.Done, Available),
        new(Cleaning, E.Manage, Manageable),
        new(Cleaning, E.Fail, CleanFailed),
        new(CleanWait, E.Fail, CleanFailed),
        new(CleanWait, E.Abort, CleanFailed),
        new(CleanFailed, E.Manage, Manageable),
        new(Available, E.Manage, Manageable),

        // Inspection.
        new(Manageable, E.Inspect, Inspecting),
        new(Inspecting, E.Done, Manageable),
        new(Inspecting, E.Wait, InspectWait),
        new(Inspecting, E.Fail, InspectFailed),
        new(InspectWait, E.Resume, Inspecting),
        new(InspectWait, E.Done, Manageable),
        new(InspectWait, E.Fail, InspectFailed),
        new(InspectWait, E.Abort, InspectFailed),
        new(InspectFailed, E.Manage, Manageable),
        new(InspectFailed, E.Inspect, Inspecting),

        // Adoption.
        new(Manageable, E.Adopt, Adopting),
        new(Adopting, E.Done, Active),
        new(Adopting, E.Fail, AdoptFailed),
        new(AdoptFailed, E.Adopt, Adopting),
        new(AdoptFailed, E.Manage, Manageable),

        // Rescue.
        new(Active, E.Rescue, Rescuing),
        new(Rescuing, E.Done, Rescue),
        new(Rescuing, E.Wait, RescueWait),
        new(RescueWait, E.Resume, Rescuing),
        new(Rescuing, E.Fail, RescueFailed),
        new(RescueWait, E.Fail, RescueFailed),
        new(RescueWait, E.Abort, RescueFailed),
        new(Rescue, E.Rescue, Rescuing),
        new(Rescue, E.Unrescue, Unrescuing),
        new(Rescue, E.Delete, Deleting),
        new(RescueWait, E.Delete, Deleting),
        new(RescueFailed, E.Rescue, Rescuing),
        new(RescueFailed, E.Unrescue, Unrescuing),
        new(RescueFailed, E.Delete, Deleting),
        new(Unrescuing, E.Done, Active),
        new(Unrescuing, E.Fail, UnrescueFailed),
        new(UnrescueFailed, E.Rescue, Rescuing),
        new(UnrescueFailed, E.Unrescue, Unrescuing),
        new(UnrescueFailed, E.Delete, Deleting),
    ];

    private static readonly Dictionary<(string, ProvisionEvent), string> Index =
        Transitions.ToDictionary(t => (t.From, t.Event), t => t.To);

    /// <summary>Every state the table mentions.</summary>
    public static IReadOnlySet<string> States { get; } =
        Transitions.SelectMany(t => new[] { t.From, t.To }).ToHashSet();

    /// <summary>
    /// States a node rests in: those work cannot fail out of. The others are transient (work is under way
    /// in them), and each has a <see cref="ProvisionEvent.Fail"/> edge.
    /// </summary>
    public static IReadOnlySet<string> StableStates { get; } =
        States.Where(s => !Index.ContainsKey((s, E.Fail))).ToHashSet();

    /// <summary>Where <paramref name="event"/> leads from <paramref name="state"/>, or null when it is not allowed there.</summary>
    public static string? Next(string state, ProvisionEvent @event) => Index.GetValueOrDefault((state, @event));

    /// <summary>Whether the event is allowed in the state.</summary>
    public static bool Allows(string state, ProvisionEvent @event) => Index.ContainsKey((state, @event));

    /// <summary>The state a transient state settles in when its work succeeds (Ironic's target_provision_state).</summary>
    public static string? TargetOf(string transientState) => transientState switch
    {
        Verifying => Manageable,
        Deploying or DeployWait => Active,
        Deleting => Available,
        Cleaning or CleanWait => null,
        Inspecting or InspectWait => Manageable,
        Adopting => Active,
        Rescuing or RescueWait => Rescue,
        Unrescuing => Active,
        _ => null,
    };

    /// <summary>The failed state a transient state falls into when its conductor died (recovery at start).</summary>
    public static string? FailedStateOf(string transientState) =>
        StableStates.Contains(transientState) ? null : Next(transientState, E.Fail);
}
