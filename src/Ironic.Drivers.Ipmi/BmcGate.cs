using System.Collections.Concurrent;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// One BMC's turn-taking: commands to the same address and port run one at a time, at least
/// <c>[ipmi] min_command_interval</c> apart, whichever interface or node sends them (Ironic keeps the
/// same per-address timestamp). Shared by every ipmitool interface in this process.
/// </summary>
internal sealed class BmcGate
{
    private static readonly ConcurrentDictionary<string, BmcGate> Gates = new(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim turn = new(1, 1);
    private long lastCommandEnded = long.MinValue;

    public static BmcGate For(string bmc) => Gates.GetOrAdd(bmc, _ => new BmcGate());

    /// <summary>Waits for this BMC's turn, then until the interval since its last command has passed.</summary>
    public async Task<IDisposable> EnterAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        await turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (lastCommandEnded != long.MinValue)
            {
                var wait = interval - time.GetElapsedTime(lastCommandEnded);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, ct).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            turn.Release();
            throw;
        }

        return new Turn(this, time);
    }

    private sealed class Turn(BmcGate gate, TimeProvider time) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                gate.lastCommandEnded = time.GetTimestamp();
                gate.turn.Release();
            }
        }
    }
}
