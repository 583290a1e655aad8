namespace Ironic.Conductor.States;

/// <summary>One edge of the provision state machine: in <paramref name="From"/>, <paramref name="Event"/> leads to <paramref name="To"/>.</summary>
public sealed record Transition(string From, ProvisionEvent Event, string To);
