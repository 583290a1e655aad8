namespace Ironic.Drivers.Agent;

/// <summary>The <c>[inspector]</c> options of in-band inspection, read when the <c>agent</c> inspect interface is enabled.</summary>
internal sealed record InspectOptions(string AddPorts, bool PowerOff, IReadOnlyDictionary<string, string> ExtraKernelParams, bool DiskPartitioningSpacing)
{
    public static InspectOptions Read(IDriverConfig config) => new(
        config.Choice("inspector", "add_ports", "pxe", "all", "active", "pxe", "disabled"),
        config.Bool("inspector", "power_off", true),
        ParseKernelParams(config.String("inspector", "extra_kernel_params", "")),
        config.Bool("inspector", "disk_partitioning_spacing", true));

    // "a=1 b" as the kernel reads it: whitespace-separated, the value after the first '='.
    private static Dictionary<string, string> ParseKernelParams(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            result[eq < 0 ? item : item[..eq]] = eq < 0 ? "" : item[(eq + 1)..];
        }

        return result;
    }
}
