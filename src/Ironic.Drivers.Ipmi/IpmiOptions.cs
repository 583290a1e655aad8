namespace Ironic.Drivers.Ipmi;

/// <summary>
/// The <c>[ipmi]</c> options (Ironic's names and defaults) and the few others the ipmitool interfaces
/// follow. Read once when an interface is constructed, so a malformed value stops start-up.
/// </summary>
internal sealed record IpmiOptions
{
    /// <summary>How long a failing command is retried, and the hard limit on one ipmitool run with kill_on_timeout.</summary>
    public TimeSpan CommandRetryTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The least time between two commands to one BMC. Ironic's option is whole seconds; fractions are
    /// accepted here (tests use them) and ipmitool's own <c>-N</c> gets at least one second.
    /// </summary>
    public TimeSpan MinCommandInterval { get; init; } = TimeSpan.FromSeconds(5);

    public bool UseIpmitoolRetries { get; init; }

    public bool KillOnTimeout { get; init; } = true;

    public bool DisableBootTimeout { get; init; } = true;

    public IReadOnlyList<string> AdditionalRetryableErrors { get; init; } = [];

    public bool Debug { get; init; }

    /// <summary><c>[conductor] soft_power_off_timeout</c>: the default wait for a soft power off.</summary>
    public TimeSpan SoftPowerOffTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary><c>[conductor] power_state_change_timeout</c>: the default wait for any other power change.</summary>
    public TimeSpan PowerStateChangeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>[deploy] default_boot_mode</c>: the boot mode of a node that asks for none.</summary>
    public string DefaultBootMode { get; init; } = BootMode.Uefi;

    /// <summary>The ipmitool executable (ours, for packaging that installs it elsewhere).</summary>
    public string IpmitoolPath { get; init; } = "ipmitool";

    public static IpmiOptions Read(IDriverConfig config) => new()
    {
        CommandRetryTimeout = TimeSpan.FromSeconds(config.Float("ipmi", "command_retry_timeout", 60, 0)),
        MinCommandInterval = TimeSpan.FromSeconds(config.Float("ipmi", "min_command_interval", 5, 0)),
        UseIpmitoolRetries = config.Bool("ipmi", "use_ipmitool_retries", false),
        KillOnTimeout = config.Bool("ipmi", "kill_on_timeout", true),
        DisableBootTimeout = config.Bool("ipmi", "disable_boot_timeout", true),
        AdditionalRetryableErrors = config.List("ipmi", "additional_retryable_ipmi_errors", []) ?? [],
        Debug = config.Bool("ipmi", "debug", false),
        IpmitoolPath = config.String("ipmi", "ipmitool_path", "ipmitool"),
        SoftPowerOffTimeout = TimeSpan.FromSeconds(config.Int("conductor", "soft_power_off_timeout", 600, 1)),
        PowerStateChangeTimeout = TimeSpan.FromSeconds(config.Int("conductor", "power_state_change_timeout", 60, 2)),
        DefaultBootMode = config.Choice("deploy", "default_boot_mode", BootMode.Uefi, BootMode.Uefi, BootMode.Bios),
    };
}
