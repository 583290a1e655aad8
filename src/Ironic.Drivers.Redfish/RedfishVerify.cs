namespace Ironic.Drivers.Redfish;

/// <summary>How the BMC's TLS certificate is checked: not at all, against the system's CAs, or against a CA bundle (file or directory).</summary>
internal sealed record RedfishVerify(bool Enabled, string? CaPath)
{
    public static RedfishVerify System { get; } = new(true, null);

    public static RedfishVerify None { get; } = new(false, null);
}
