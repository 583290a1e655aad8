using Ironic.Drivers;

namespace Ironic.Conductor.Periodic;

/// <summary>One declared periodic task of an interface type: its name, its declaration and how to call it.</summary>
internal sealed record DriverPeriodicTask(string Name, DriverPeriodicTaskAttribute Declaration, Func<object, ITaskContext, CancellationToken, Task> Invoke);
