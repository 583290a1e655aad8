namespace Ironic.Drivers;

/// <summary>How a clean or deploy step ended: done now, or continuing asynchronously (Ironic's <c>clean wait</c> / <c>deploy wait</c>).</summary>
public enum StepOutcome
{
    Done,
    Wait,
}
