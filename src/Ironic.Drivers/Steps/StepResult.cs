namespace Ironic.Drivers;

/// <summary>
/// How an asynchronous step is going, as its driver reports it with <see cref="ITaskContext.ReportStep"/>
/// (typically from a <see cref="DriverPeriodicTaskAttribute">periodic task</see> that polls the BMC's job):
/// done (the conductor runs the next step), failed (the flow ends in its failed state with the message in
/// <c>last_error</c>) or still waiting (nothing changes; the wait-state timeout still applies).
/// </summary>
public sealed class StepResult
{
    private StepResult(bool done, string? error)
    {
        IsDone = done;
        Error = error;
    }

    /// <summary>The step finished: cleaning, deployment or servicing continues with the next step.</summary>
    public static StepResult Done { get; } = new(true, null);

    /// <summary>The step is still running; the node keeps waiting.</summary>
    public static StepResult StillWaiting { get; } = new(false, null);

    public bool IsDone { get; }

    /// <summary>Why the step failed; null unless it did.</summary>
    public string? Error { get; }

    public bool IsFailed => Error is not null;

    /// <summary>The step failed; <paramref name="error"/> says why and what to do next (shown in <c>last_error</c>).</summary>
    public static StepResult Failed(string error) =>
        new(false, string.IsNullOrWhiteSpace(error) ? throw new ArgumentException("A failed step needs a message.", nameof(error)) : error);

    public override string ToString() => IsDone ? "done" : IsFailed ? $"failed: {Error}" : "still waiting";
}
