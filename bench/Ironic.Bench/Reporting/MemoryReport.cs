namespace Ironic.Bench.Reporting;

/// <summary>The server's resident memory (VmRSS and VmHWM from /proc/PID/status), in KiB.</summary>
internal sealed record MemoryReport
{
    public int Pid { get; init; }

    /// <summary>Before any scenario, after <c>--idle-seconds</c> of quiet.</summary>
    public long? IdleRssKb { get; init; }

    /// <summary>Highest RSS sampled while the scenarios ran.</summary>
    public long? LoadedPeakRssKb { get; init; }

    /// <summary>After the last scenario.</summary>
    public long? EndRssKb { get; init; }

    /// <summary>The kernel's high-water mark over the whole process life, start-up included.</summary>
    public long? HighWaterMarkKb { get; init; }

    /// <summary>Server CPU time from launch to the end of the run.</summary>
    public double? TotalCpuSeconds { get; init; }
}
