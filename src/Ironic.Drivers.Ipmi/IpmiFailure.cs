namespace Ironic.Drivers.Ipmi;

/// <summary>
/// An ipmitool command failed (Ironic's <c>IPMIFailure</c>, HTTP 500): "IPMI call failed: power status."
/// followed by what went wrong, with the password already removed.
/// </summary>
internal sealed class IpmiFailure(string command, string? detail = null)
    : IronicException($"IPMI call failed: {command}.{(detail is null ? "" : " " + detail)}", 500)
{
    public string Command { get; } = command;
}
