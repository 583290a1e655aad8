namespace Ironic.Drivers.Agent;

/// <summary>The <c>[inspector]</c> options of in-band inspection, read when the <c>agent</c> inspect interface is enabled.</summary>
internal sealed record InspectOptions(
    string AddPorts, bool PowerOff, IReadOnlyDictionary<string, string> ExtraKernelParams, bool DiskPartitioningSpacing, IReadOnlySet<string> Hooks)
{
    /// <summary>The inspection hooks built here (Ironic's names).</summary>
    public static readonly string[] KnownHooks = ["ramdisk-error", "validate-interfaces", "ports", "architecture", "memory", "cpus", "root-device"];

    // Ironic's default_hooks plus memory, cpus and root-device: the properties the scheduler needs, set by default.
    private const string DefaultHooks = "ramdisk-error,validate-interfaces,ports,architecture,memory,cpus,root-device";

    public static InspectOptions Read(IDriverConfig config)
    {
        var defaults = config.String("inspector", "default_hooks", DefaultHooks);
        var hooks = config.String("inspector", "hooks", "$default_hooks").Replace("$default_hooks", defaults, StringComparison.Ordinal)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (hooks.FirstOrDefault(h => !KnownHooks.Contains(h)) is { } unknown)
        {
            throw new InvalidParameterValue(
                $"[inspector] hooks names '{unknown}', which is not an inspection hook of this build. Known hooks: {string.Join(", ", KnownHooks)}.");
        }

        if (hooks.Contains("ports") && !hooks.Contains("validate-interfaces"))
        {
            throw new InvalidParameterValue("[inspector] hooks: the hook 'ports' needs 'validate-interfaces'.");
        }

        return new(
            config.Choice("inspector", "add_ports", "pxe", "all", "active", "pxe", "disabled"),
            config.Bool("inspector", "power_off", true),
            ParseKernelParams(config.String("inspector", "extra_kernel_params", "")),
            config.Bool("inspector", "disk_partitioning_spacing", true),
            hooks);
    }

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
