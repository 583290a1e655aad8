namespace Ironic.Drivers.Redfish;

/// <summary>
/// Where and how to reach a node's BMC, parsed from driver_info. <see cref="ToString"/> leaves the
/// password out, so the record can appear in a message or a log line.
/// </summary>
/// <param name="Address">Scheme and authority, e.g. <c>https://10.0.0.5:8443</c>.</param>
/// <param name="RootPrefix">The service root path, <c>/redfish/v1/</c> unless the address had a path.</param>
/// <param name="SystemId">The ComputerSystem's path, or null to use the only one.</param>
internal sealed record RedfishEndpoint(
    string Address, string RootPrefix, string? SystemId, string? Username, string? Password, RedfishVerify Verify, string AuthType)
{
    public override string ToString() => $"{Address} (user {Username ?? "<none>"}, auth {AuthType})";
}
