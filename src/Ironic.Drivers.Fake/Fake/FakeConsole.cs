using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// A console with nothing behind it (Ironic's fake console): starting and stopping only record the
/// wish in <c>driver_internal_info</c>, and the connection information is empty, as in Ironic.
/// </summary>
[HardwareInterface("fake")]
public sealed class FakeConsole : ConsoleInterface
{
    public const string ConsoleStartedKey = "fake_console_started";

    public override Task StartConsoleAsync(ITaskContext task, CancellationToken ct) => RecordAsync(task, true, ct);

    public override Task StopConsoleAsync(ITaskContext task, CancellationToken ct) => RecordAsync(task, false, ct);

    public override Task<JsonObject> GetConsoleAsync(ITaskContext task, CancellationToken ct) => Task.FromResult(new JsonObject());

    private static async Task RecordAsync(ITaskContext task, bool started, CancellationToken ct)
    {
        task.Node.DriverInternalInfo[ConsoleStartedKey] = started;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }
}
