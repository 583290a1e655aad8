using System.Threading.Channels;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// Step reports waiting to be applied. A task posts its report after releasing its lock; the
/// conductor's <see cref="StepContinuations"/> applies them one at a time under a new lock.
/// </summary>
public sealed class StepReports
{
    private readonly Channel<StepReport> queue = Channel.CreateUnbounded<StepReport>(new() { SingleReader = true });

    internal void Post(StepReport report) => queue.Writer.TryWrite(report);

    /// <summary>Takes the oldest waiting report, if any (tests drive continuations one at a time with it).</summary>
    internal bool TryTake(out StepReport report) => queue.Reader.TryRead(out report!);

    internal IAsyncEnumerable<StepReport> ReadAllAsync(CancellationToken ct) => queue.Reader.ReadAllAsync(ct);
}
