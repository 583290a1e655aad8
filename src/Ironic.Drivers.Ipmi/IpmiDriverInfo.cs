using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Ipmi;

/// <summary>
/// A node's <c>driver_info</c> for ipmitool, checked as Ironic's <c>_parse_driver_info</c> checks it.
/// Parsing never talks to the BMC. <see cref="ToString"/> leaves the password out.
/// </summary>
internal sealed record IpmiDriverInfo
{
    public required string NodeUuid { get; init; }
    public required string Address { get; init; }
    public int? Port { get; init; }
    public string? Username { get; init; }
    public string Password { get; init; } = "";
    public string? HexKgKey { get; init; }
    public int? TerminalPort { get; init; }
    public string PrivLevel { get; init; } = "ADMINISTRATOR";
    public string ProtocolVersion { get; init; } = "2.0";
    public string? CipherSuite { get; init; }
    public string? LocalAddress { get; init; }
    public string? TransitChannel { get; init; }
    public string? TransitAddress { get; init; }
    public string? TargetChannel { get; init; }
    public string? TargetAddress { get; init; }
    public bool ForceBootDevice { get; init; }

    /// <summary>Null when unset: then <c>[ipmi] disable_boot_timeout</c> decides.</summary>
    public bool? DisableBootTimeout { get; init; }

    /// <summary>The BMC's identity for spacing commands: address and RMCP port (623 by default).</summary>
    public string Bmc => $"{Address}:{Port ?? 623}";

    public override string ToString() => $"IPMI BMC {Bmc} (node {NodeUuid})";

    public static IpmiDriverInfo Parse(Node node)
    {
        var info = node.DriverInfo;
        if (string.IsNullOrEmpty(Text(info, "ipmi_address")))
        {
            throw new MissingParameterValue("Missing the following IPMI credentials in node's driver_info: ['ipmi_address'].");
        }

        var protocol = Text(info, "ipmi_protocol_version") ?? "2.0";
        if (!IpmiProperties.ProtocolVersions.Contains(protocol))
        {
            throw new InvalidParameterValue(
                $"Invalid IPMI protocol version value {protocol}, the valid value can be one of {string.Join(", ", IpmiProperties.ProtocolVersions)}");
        }

        var terminalPort = Text(info, "ipmi_terminal_port") ?? Text(node.DriverInternalInfo, "allocated_ipmi_terminal_port");
        var parsed = new IpmiDriverInfo
        {
            NodeUuid = node.Uuid,
            Address = Text(info, "ipmi_address")!,
            Port = NetworkPort(Text(info, "ipmi_port"), "ipmi_port"),
            Username = NullIfEmpty(Text(info, "ipmi_username")),
            Password = Text(info, "ipmi_password") ?? "",
            HexKgKey = NullIfEmpty(Text(info, "ipmi_hex_kg_key")),
            TerminalPort = NetworkPort(terminalPort, "ipmi_terminal_port"),
            PrivLevel = Text(info, "ipmi_priv_level") ?? "ADMINISTRATOR",
            ProtocolVersion = protocol,
            CipherSuite = Text(info, "ipmi_cipher_suite"),
            ForceBootDevice = Flag(info, "ipmi_force_boot_device") ?? false,
            DisableBootTimeout = Flag(info, "ipmi_disable_boot_timeout"),
        };

        parsed = WithBridging(parsed, info);

        if (!IpmiProperties.PrivilegeLevels.Contains(parsed.PrivLevel))
        {
            throw new InvalidParameterValue(
                $"Invalid privilege level value:{parsed.PrivLevel}, the valid value can be one of {string.Join(", ", IpmiProperties.PrivilegeLevels)}");
        }

        if (parsed.HexKgKey is { } kg && (kg.Length % 2 != 0 || !kg.All(Uri.IsHexDigit)))
        {
            // Ironic checks only the even length; a non-hex digit would fail inside ipmitool later, less clearly.
            throw new InvalidParameterValue(kg.Length % 2 != 0
                ? "Number of ipmi_hex_kg_key characters is not even"
                : "ipmi_hex_kg_key must contain hexadecimal digits only");
        }

        if (parsed.CipherSuite is { } suite)
        {
            if (!int.TryParse(suite, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new InvalidParameterValue($"Invalid cipher suite {suite}, expected a number");
            }

            if (protocol == "1.5")
            {
                throw new InvalidParameterValue("Cipher suites cannot be used with IPMI 1.5");
            }
        }

        return parsed;
    }

    private static IpmiDriverInfo WithBridging(IpmiDriverInfo parsed, JsonObject info)
    {
        var bridging = Text(info, "ipmi_bridging") ?? "no";
        switch (bridging)
        {
            case "no":
                return parsed;
            case "single" or "dual":
                var result = parsed with
                {
                    LocalAddress = Text(info, "ipmi_local_address"),
                    TargetChannel = Text(info, "ipmi_target_channel"),
                    TargetAddress = Text(info, "ipmi_target_address"),
                    TransitChannel = bridging == "dual" ? Text(info, "ipmi_transit_channel") : null,
                    TransitAddress = bridging == "dual" ? Text(info, "ipmi_transit_address") : null,
                };
                List<string> missing = [];
                if (result.TargetChannel is null) missing.Add("ipmi_target_channel");
                if (result.TargetAddress is null) missing.Add("ipmi_target_address");
                if (bridging == "dual" && result.TransitChannel is null) missing.Add("ipmi_transit_channel");
                if (bridging == "dual" && result.TransitAddress is null) missing.Add("ipmi_transit_address");
                if (missing.Count > 0)
                {
                    throw new MissingParameterValue($"[{string.Join(", ", missing.Select(m => $"'{m}'"))}] not provided");
                }

                return result;
            default:
                throw new InvalidParameterValue(
                    $"Invalid value for ipmi_bridging: {bridging}, the valid value can be one of: ['single', 'dual', 'no']");
        }
    }

    private static int? NetworkPort(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new InvalidParameterValue($"{name} \"{value}\" is not a valid port.");
    }

    /// <summary>A value as text, the way Python's str() shows it; null when absent or JSON null.</summary>
    internal static string? Text(JsonObject info, string key) => info[key] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "True",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "False",
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        var other => other.ToJsonString(),
    };

    /// <summary>A boolean as oslo's bool_from_string reads it (unknown strings are false); null when absent.</summary>
    internal static bool? Flag(JsonObject info, string key) => Text(info, key)?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "1" or "t" or "true" or "on" or "y" or "yes" => true,
        _ => false,
    };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
