namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>A power action held by <see cref="TestPower"/>: it signals entry, then waits for release.</summary>
public sealed class PowerHold
{
    /// <summary>Completes when the held action has started.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Complete it to let the held action finish.</summary>
    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
