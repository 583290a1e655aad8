using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// The <c>driver_info</c> every redfish interface reads, checked as Ironic's <c>parse_driver_info</c>
/// does and with its messages: no BMC is contacted, and no message repeats the password.
/// </summary>
internal static class RedfishDriverInfo
{
    public const string Address = "redfish_address";
    public const string SystemId = "redfish_system_id";
    public const string Username = "redfish_username";
    public const string Password = "redfish_password";
    public const string VerifyCa = "redfish_verify_ca";
    public const string AuthType = "redfish_auth_type";

    public const string DefaultRootPrefix = "/redfish/v1/";

    private static readonly string[] TrueStrings = ["1", "t", "true", "on", "y", "yes"];
    private static readonly string[] FalseStrings = ["0", "f", "false", "off", "n", "no"];

    /// <summary>Shown by <c>openstack baremetal driver property list redfish</c>.</summary>
    public static IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string>
    {
        [Address] = "The URL of the Redfish controller; it must include the authority (host and optional port). " +
            "Without a scheme, https is assumed (https://mgmt.vendor.com). A path, if given, is used as the API root " +
            "instead of /redfish/v1/. Required.",
        [SystemId] = "The canonical path of the ComputerSystem this node is, under the same authority as redfish_address, " +
            "for example /redfish/v1/Systems/1. Needed only when the BMC manages more than one system; otherwise the only " +
            "one is used. Optional.",
        [Username] = "User account with admin or server-profile access privilege. Not mandatory, but highly recommended. Optional.",
        [Password] = "Password of that user account. Not mandatory, but highly recommended. Optional.",
        [VerifyCa] = "True to verify the BMC's TLS certificate (the default), False to skip verification, or the path of a " +
            "CA bundle file or of a directory of trusted CA certificates. Optional.",
        [AuthType] = "How to authenticate to the BMC: \"basic\", \"session\" or \"auto\" (a session, falling back to basic). " +
            "Defaults to [redfish] auth_type. Optional.",
    };

    /// <summary>Parses and checks the node's driver_info; throws MissingParameterValue or InvalidParameterValue.</summary>
    public static RedfishEndpoint Parse(Node node, string defaultAuthType)
    {
        var info = node.DriverInfo;
        if (!IsSet(info[Address]))
        {
            throw new MissingParameterValue($"Missing the following Redfish properties in node {node.Uuid} driver_info: ['{Address}']");
        }

        var (address, rootPrefix) = ParseAddress(node, info[Address]!.ToString());
        string? systemId = null;
        if (info[SystemId] is { } sid)
        {
            if (sid is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw new InvalidParameterValue(
                    $"Invalid value \"{sid.ToJsonString()}\" set in driver_info/{SystemId} on node {node.Uuid}. The value should be a path " +
                    "(string) to the resource that the driver will interact with. For example: /redfish/v1/Systems/1");
            }

            systemId = Quote(v.GetValue<string>());
        }

        var authType = info[AuthType] is { } a ? a.ToString() : defaultAuthType;
        if (authType is not ("basic" or "session" or "auto"))
        {
            throw new InvalidParameterValue(
                $"Invalid value \"{authType}\" set in driver_info/{AuthType} on node {node.Uuid}. The value should be one of \"basic\", \"session\" or \"auto\".");
        }

        return new RedfishEndpoint(address, rootPrefix, systemId, Text(info[Username]), Text(info[Password]), ParseVerifyCa(node, info[VerifyCa]), authType);
    }

    private static (string Address, string RootPrefix) ParseAddress(Node node, string raw)
    {
        var value = raw.Trim();
        // A bare IPv6 address has colons but no brackets; wrap it, as Ironic does, before reading a port.
        if (System.Net.IPAddress.TryParse(value, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            value = $"[{value}]";
        }

        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "https://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidParameterValue($"Invalid Redfish address {raw} set in driver_info/{Address} on node {node.Uuid}");
        }

        var path = uri.AbsolutePath;
        return ($"{uri.Scheme}://{uri.Authority}", path is "" or "/" ? DefaultRootPrefix : path);
    }

    private static RedfishVerify ParseVerifyCa(Node node, JsonNode? value)
    {
        switch (value)
        {
            case null:
                return RedfishVerify.System;
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValue<bool>() ? RedfishVerify.System : RedfishVerify.None;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                if (Directory.Exists(text) || File.Exists(text))
                {
                    return new RedfishVerify(true, text);
                }

                if (TrueStrings.Contains(text.Trim().ToLowerInvariant()))
                {
                    return RedfishVerify.System;
                }

                if (FalseStrings.Contains(text.Trim().ToLowerInvariant()))
                {
                    return RedfishVerify.None;
                }

                break;
        }

        throw new InvalidParameterValue(
            $"Invalid value type set in driver_info/{VerifyCa} on node {node.Uuid}. The value should be a Boolean or the path to a " +
            $"file/directory, not \"{(value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : value.ToJsonString())}\"");
    }

    // As Python's urllib.parse.quote with '/' safe: the system id is a path.
    private static string Quote(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static bool IsSet(JsonNode? value) => value is not null && value.ToString().Length > 0;

    private static string? Text(JsonNode? value) => value is null ? null : value.ToString();
}
