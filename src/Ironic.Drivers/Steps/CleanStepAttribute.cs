namespace Ironic.Drivers;

/// <summary>
/// Declares a method as a clean step. The method has the shape
/// <c>Task&lt;StepOutcome&gt; Name(ITaskContext task, JsonObject args, CancellationToken ct)</c>.
/// Priority 0 means the step runs only when asked for by manual cleaning.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class CleanStepAttribute : Attribute
{
    public int Priority { get; init; }

    public bool Abortable { get; init; }

    /// <summary>The step's arguments as a JSON object: <c>{"name": {"description": "...", "required": true}}</c>.</summary>
    public string? ArgsInfo { get; init; }

    public bool RequiresRamdisk { get; init; } = true;
}
