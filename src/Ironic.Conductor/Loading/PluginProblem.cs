namespace Ironic.Conductor.Loading;

/// <summary>A plugin (or one of its classes) that was skipped, and why.</summary>
public sealed record PluginProblem(string Source, string Reason);
