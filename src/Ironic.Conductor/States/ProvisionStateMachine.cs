using Ironic.Drivers;
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
        new(Enroll, "manage", Verifying),
        new(Verifying, "done", Manageable),
        new(Verifying, "fail", Enroll),

        // Deployment.
        new(Available, "deploy", Deploying),
        new(Deploying, "wait", DeployWait),
        new(DeployWait, "resume", Deploying),
        new(Deploying, "done", Active),
        new(Deploying, "fail", DeployFailed),
        new(DeployWait, "fail", DeployFailed),
        new(DeployFailed, "rebuild", Deploying),
        new(DeployFailed, "deploy", Deploying),
        new(Active, "rebuild", Deploying),
        new(Error, "rebuild", Deploying),

        // Tear-down.
        new(Active, "delete", Deleting),
        new(DeployWait, "delete", Deleting),
        new(DeployFailed, "delete", Deleting),
        new(Error, "delete", Deleting),
        new(Deleting, "fail", Error),
        new(Deleting, "clean", Cleaning),

        // Cleaning.
        new(Manageable, "provide", Cleaning),
        new(Manageable, "clean", Cleaning),
        new(Cleaning, "wait", CleanWait),
        new(CleanWait, "resume", Cleaning),
        new(Cleaning, "done", Available),
        new(Cleaning, "manage", Manageable),
        new(Cleaning, "fail", CleanFailed),
        new(CleanWait, "fail", CleanFailed),
        new(CleanWait, "abort", CleanFailed),
        new(CleanFailed, "manage", Manageable),
        new(Available, "manage", Manageable),

        // Inspection.
        new(Manageable, "inspect", Inspecting),
        new(Inspecting, "done", Manageable),
        new(Inspecting, "wait", InspectWait),
        new(Inspecting, "fail", InspectFailed),
        new(InspectWait, "done", Manageable),
        new(InspectWait, "fail", InspectFailed),
        new(InspectWait, "abort", InspectFailed),
        new(InspectFailed, "manage", Manageable),
        new(InspectFailed, "inspect", Inspecting),

        // Adoption.
        new(Manageable, "adopt", Adopting),
        new(Adopting, "done", Active),
        new(Adopting, "fail", AdoptFailed),
        new(AdoptFailed, "adopt", Adopting),
        new(AdoptFailed, "manage", Manageable),

        // Rescue.
        new(Active, "rescue", Rescuing),
        new(Rescuing, "done", Rescue),
        new(Rescuing, "wait", RescueWait),
        new(RescueWait, "resume", Rescuing),
        new(Rescuing, "fail", RescueFailed),
        new(RescueWait, "fail", RescueFailed),
        new(RescueWait, "abort", RescueFailed),
        new(Rescue, "rescue", Rescuing),
        new(Rescue, "unrescue", Unrescuing),
        new(Rescue, "delete", Deleting),
        new(RescueWait, "delete", Deleting),
        new(RescueFailed, "rescue", Rescuing),
        new(RescueFailed, "unrescue", Unrescuing),
        new(RescueFailed, "delete", Deleting),
        new(Unrescuing, "done", Active),
        new(Unrescuing, "fail", UnrescueFailed),
        new(UnrescueFailed, "rescue", Rescuing),
        new(UnrescueFailed, "unrescue", Unrescuing),
        new(UnrescueFailed, "delete", Deleting),
    ];

    /// <summary>States a node rests in; the others are transient (work is under way in them).</summary>
    public static IReadOnlySet<string> StableStates { get; } = new HashSet<string>
    {
        Enroll, Manageable, Available, Active, Error, DeployFailed, CleanFailed, InspectFailed, AdoptFailed,
        Rescue, RescueFailed, UnrescueFailed,
    };

    /// <summary>Every state the table mentions.</summary>
    public static IReadOnlySet<string> States { get; } =
        Transitions.SelectMany(t => new[] { t.From, t.To }).ToHashSet();

    private static readonly Dictionary<(string, string), string> Index =
        Transitions.ToDictionary(t => (t.From, t.Event), t => t.To);

    /// <summary>Where <paramref name="event"/> leads from <paramref name="state"/>, or null when it is not allowed there.</summary>
    public static string? Next(string state, string @event) => Index.GetValueOrDefault((state, @event));

    /// <summary>Whether the event is allowed in the state.</summary>
    public static bool Allows(string state, string @event) => Index.ContainsKey((state, @event));

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
        StableStates.Contains(transientState) ? null : Next(transientState, "fail");
}
