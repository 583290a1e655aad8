using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>No console (Ironic's <c>no-console</c>): validation and every operation fail.</summary>
[HardwareInterface("no-console")]
public sealed class NoConsole : ConsoleInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task StartConsoleAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task StopConsoleAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task<JsonObject> GetConsoleAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);
}
