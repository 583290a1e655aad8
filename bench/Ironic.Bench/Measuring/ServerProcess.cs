using System.Globalization;

namespace Ironic.Bench.Measuring;

/// <summary>The measured server's memory and CPU time, read from <c>/proc/PID</c> (Linux only).</summary>
internal sealed class ServerProcess(int pid)
{
    // /proc/PID/stat counts in USER_HZ, which the kernel fixes at 100 for user space on Linux.
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    public bool Alive => Directory.Exists($"/proc/{Pid}");

    /// <summary>Resident set size now, in KiB.</summary>
    public long? RssKb() => StatusKb("VmRSS:");

    /// <summary>The highest resident set size since the process started, in KiB.</summary>
    public long? PeakRssKb() => StatusKb("VmHWM:");

    /// <summary>
    /// Proportional set size (shared pages divided among the processes sharing them) and private
    /// (unshared) resident memory, in KiB, from /proc/PID/smaps_rollup. RSS counts in full the
    /// runtime's files that every .NET process on the machine maps; these two do not.
    /// </summary>
    public (long? PssKb, long? PrivateKb) SharedAwareKb()
    {
        try
        {
            long? pss = null, privateClean = null, privateDirty = null;
            foreach (var line in File.ReadLines($"/proc/{Pid}/smaps_rollup"))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    continue;
                }

                switch (parts[0])
                {
                    case "Pss:": pss = kb; break;
                    case "Private_Clean:": privateClean = kb; break;
                    case "Private_Dirty:": privateDirty = kb; break;
                }
            }

            return (pss, privateClean + privateDirty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    /// <summary>User plus system CPU time the process has used, in seconds.</summary>
    public double? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            // The command name may contain spaces and parentheses: fields start after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private long? StatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
