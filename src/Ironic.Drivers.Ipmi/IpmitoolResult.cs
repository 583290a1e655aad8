namespace Ironic.Drivers.Ipmi;

/// <summary>One ipmitool run: exit code and output, or <see cref="TimedOut"/> when it was killed at <see cref="Limit"/>.</summary>
internal sealed record IpmitoolResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Limit);
