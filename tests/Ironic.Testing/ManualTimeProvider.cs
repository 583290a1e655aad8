namespace Ironic.Testing;

/// <summary>
/// The fake clock: time moves only when the test says so. Timers fire from <see cref="Advance"/>; a test that
/// needs to know code is waiting on the clock awaits <see cref="WaitForTimerAsync"/> instead of sleeping.
/// Timestamps (<see cref="TimeProvider.GetElapsedTime(long)"/>) follow the same clock, so code that measures
/// how long it has been retrying sees the test's time, not the machine's.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly SemaphoreSlim created = new(0);
    private DateTimeOffset now = start;

    /// <summary>Every timer ever created, as (due time, period), in order.</summary>
    public List<(TimeSpan DueTime, TimeSpan Period)> Created { get; } = [];

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (gate)
        {
            Created.Add((dueTime, period));
            timers.Add(timer);
            timer.Schedule(dueTime, period);
        }

        created.Release();
        return timer;
    }

    /// <summary>Completes once a timer has been created (one per call); fails rather than hang.</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await created.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("Nothing started waiting on the clock.");
        }
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in time order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate)
        {
            target = now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.Due is { } d && d <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    now = target;
                    return;
                }

                now = next.Due!.Value;
                next.Due = next.Period is { } p ? now + p : null;
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        // Called with the clock's gate held.
        public void Schedule(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
            Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
        }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.gate)
            {
                Schedule(dueTime, period);
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
