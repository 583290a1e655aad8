namespace Ironic.Drivers;

/// <summary>Declares a method as a deploy step; same method shape as <see cref="CleanStepAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class DeployStepAttribute : Attribute
{
    public int Priority { get; init; }

    /// <summary>The step's arguments as a JSON object, as for clean steps.</summary>
    public string? ArgsInfo { get; init; }
}
