using System.Globalization;

namespace Ironic.Bench.Reporting;

/// <summary>Where the numbers were taken.</summary>
internal sealed record MachineInfo
{
    public int Processors { get; init; }

    public string? CpuModel { get; init; }

    public long? MemoryKb { get; init; }

    public string? Kernel { get; init; }

    public static MachineInfo Read() => new()
    {
        Processors = Environment.ProcessorCount,
        CpuModel = FirstValue("/proc/cpuinfo", "model name"),
        MemoryKb = FirstValue("/proc/meminfo", "MemTotal") is { } total
            ? long.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture)
            : null,
        Kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null,
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
