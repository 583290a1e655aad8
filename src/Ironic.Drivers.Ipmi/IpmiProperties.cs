namespace Ironic.Drivers.Ipmi;

/// <summary>The <c>driver_info</c> keys the ipmitool interfaces read, described as Ironic describes them.</summary>
internal static class IpmiProperties
{
    public static readonly IReadOnlyList<string> PrivilegeLevels = ["ADMINISTRATOR", "CALLBACK", "OPERATOR", "USER"];

    public static readonly IReadOnlyList<string> ProtocolVersions = ["2.0", "1.5"];

    public static IReadOnlyDictionary<string, string> Common { get; } = new Dictionary<string, string>
    {
        ["ipmi_address"] = "IP address or hostname of the node. Required.",
        ["ipmi_password"] = "password. Optional.",
        ["ipmi_hex_kg_key"] = "Kg key for IPMIv2 authentication. The key is expected in hexadecimal format. Optional.",
        ["ipmi_port"] = "remote IPMI RMCP port. Optional.",
        ["ipmi_priv_level"] = $"privilege level; default is ADMINISTRATOR. One of {string.Join(", ", PrivilegeLevels)}. Optional.",
        ["ipmi_username"] = "username; default is NULL user. Optional.",
        ["ipmi_bridging"] = "bridging_type; default is \"no\". One of \"single\", \"dual\", \"no\". Optional.",
        ["ipmi_transit_channel"] = "transit channel for bridged request. Required only if ipmi_bridging is set to \"dual\".",
        ["ipmi_transit_address"] = "transit address for bridged request. Required only if ipmi_bridging is set to \"dual\".",
        ["ipmi_target_channel"] = "destination channel for bridged request. Required only if ipmi_bridging is set to \"single\" or \"dual\".",
        ["ipmi_target_address"] = "destination address for bridged request. Required only if ipmi_bridging is set to \"single\" or \"dual\".",
        ["ipmi_local_address"] = "local IPMB address for bridged requests. Used only if ipmi_bridging is set to \"single\" or \"dual\". Optional.",
        ["ipmi_protocol_version"] = "the version of the IPMI protocol; default is \"2.0\". One of \"1.5\", \"2.0\". Optional.",
        ["ipmi_force_boot_device"] = "Whether Ironic should specify the boot device to the BMC each time the server is turned on, " +
            "eg. because the BMC is not capable of remembering the selected boot device across power cycles; default value is False. Optional.",
        ["ipmi_disable_boot_timeout"] = "By default ironic will send a raw IPMI command to disable the 60 second timeout for booting. " +
            "Setting this option to False will NOT send that command on this node. The [ipmi]disable_boot_timeout will be used if this option is not set. Optional.",
        ["ipmi_cipher_suite"] = "The number of a cipher suite to use. Only 3 (AES-128 with SHA1) or 17 (AES-128 with SHA256) should ever be used; " +
            "17 is preferred. The default value depends on the ipmitool version, some recent versions have switched from 3 to 17.",
    };

    public static IReadOnlyDictionary<string, string> Console { get; } = new Dictionary<string, string>(Common)
    {
        ["ipmi_terminal_port"] = "node's UDP port to connect to. Only required for console access.",
    };
}
