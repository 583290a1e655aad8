namespace Ironic.Bench.Reporting;

/// <summary>The server's resident memory (VmRSS and VmHWM from /proc/PID/status), in KiB.</summary>
internal sealed record MemoryReport
{
    public int Pid { get; init; }

    /// <summary>Before any scenario, after <c>--idle-seconds</c> of quiet.</summary>
    public long? IdleRssKb { get; init; }

    /// <summary>Idle proportional set size: shared pages divided among the processes that map them.</summary>
    public long? IdlePssKb { get; init; }

    /// <summary>Idle private (unshared) resident memory: what this process alone costs the machine.</summary>
    public long? IdlePrivateKb { get; init; }

    /// <summary>Highest RSS sampled while the scenarios ran.</summary>
    public long? LoadedPeakRssKb { get; init; }

    /// <summary>After the last scenario.</summary>
    public long? EndRssKb { get; init; }

    /// <summary>The kernel's high-water mark over the whole process life, start-up included.</summary>
    public long? HighWaterMarkKb { get; init; }

    /// <summary>Server CPU time from launch to the end of the run.</summary>
    public double? TotalCpuSeconds { get; init; }
}
