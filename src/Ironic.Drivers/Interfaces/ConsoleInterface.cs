using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>The node's serial console.</summary>
public abstract class ConsoleInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Console;

    public abstract Task StartConsoleAsync(ITaskContext task, CancellationToken ct);

    public abstract Task StopConsoleAsync(ITaskContext task, CancellationToken ct);

    /// <summary>How a client connects: <c>{"type": "shellinabox", "url": "..."}</c>.</summary>
    public abstract Task<JsonObject> GetConsoleAsync(ITaskContext task, CancellationToken ct);
}
