using System.Globalization;

namespace Ironic.Bench.Reporting;

/// <summary>Where the numbers were taken.</summary>
internal sealed record MachineInfo
{
    public int Processors { get; init; }

    public string? CpuModel { get; init; }

    public long? MemoryKb { get; init; }

    public string? Kernel { get; init; }

    /// <summary>1, 5 and 15 minute load averages when the run started: other work on the machine skews the numbers.</summary>
    public string? LoadAverage { get; init; }

    public static MachineInfo Read() => new()
    {
        Processors = Environment.ProcessorCount,
        CpuModel = FirstValue("/proc/cpuinfo", "model name"),
        MemoryKb = FirstValue("/proc/meminfo", "MemTotal") is { } total
            ? long.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture)
            : null,
        Kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null,
        LoadAverage = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null,
    };

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Where(line => line.StartsWith(key, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
