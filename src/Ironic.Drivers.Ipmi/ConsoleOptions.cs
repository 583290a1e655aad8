namespace Ironic.Drivers.Ipmi;

/// <summary>The <c>[console]</c> options the socat console reads (Ironic's names and defaults).</summary>
internal sealed record ConsoleOptions
{
    /// <summary><c>[console] port_range</c> ("10000:20000"): where ports are allocated for nodes without ipmi_terminal_port.</summary>
    public (int First, int Last)? PortRange { get; init; }

    /// <summary><c>[console] socat_address</c>: the address socat listens on and the console URL names.</summary>
    public string SocatAddress { get; init; } = "127.0.0.1";

    /// <summary><c>[console] terminal_timeout</c>: socat ends an idle connection after this many seconds (0: never).</summary>
    public int TerminalTimeout { get; init; } = 600;

    /// <summary><c>[console] terminal_pid_dir</c>: where each node's socat PID is kept.</summary>
    public required string PidDir { get; init; }

    /// <summary><c>[console] subprocess_timeout</c>: how long socat may take to start listening.</summary>
    public TimeSpan SubprocessTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static ConsoleOptions Read(IDriverServices services)
    {
        var c = services.Config;
        (int, int)? range = null;
        if (c.OptionalString("console", "port_range") is { } text)
        {
            var parts = text.Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var first) || !int.TryParse(parts[1], out var last)
                || first < 1 || last > 65535 || first > last)
            {
                throw new InvalidParameterValue($"[console] port_range '{text}' must be FIRST:LAST, e.g. 10000:20000.");
            }

            range = (first, last);
        }

        return new ConsoleOptions
        {
            PortRange = range,
            SocatAddress = c.OptionalString("console", "socat_address") ?? c.OptionalString("DEFAULT", "my_ip") ?? "127.0.0.1",
            TerminalTimeout = c.Int("console", "terminal_timeout", 600, 0),
            PidDir = c.OptionalString("console", "terminal_pid_dir") ?? Path.Combine(services.StatePath, "console"),
            SubprocessTimeout = TimeSpan.FromSeconds(c.Int("console", "subprocess_timeout", 10, 1)),
        };
    }
}
