namespace Ironic.Conductor.States;

/// <summary>
/// What moves a node along <see cref="ProvisionStateMachine"/>: the API verbs (as Ironic's state machine
/// names them) and the conductor's own events when work finishes, waits, resumes or fails.
/// </summary>
public enum ProvisionEvent
{
    Manage,
    Provide,
    Clean,
    Inspect,
    Deploy,
    Rebuild,
    Delete,
    Abort,
    Adopt,
    Rescue,
    Unrescue,

    /// <summary>The work of a transient state finished.</summary>
    Done,

    /// <summary>The work continues asynchronously (a callback, an agent, a BMC job).</summary>
    Wait,

    /// <summary>The asynchronous part finished; the conductor continues.</summary>
    Resume,

    /// <summary>The work failed.</summary>
    Fail,
}
