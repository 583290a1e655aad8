using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>driver_info validation and the properties list, without any BMC.</summary>
public sealed class DriverInfoTests
{
    private readonly IpmiTestDriver driver = new();

    private static Node NodeWith(JsonObject driverInfo) => new() { Uuid = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123", Driver = "ipmi", DriverInfo = driverInfo };

    private Task ValidateAsync(JsonObject driverInfo) =>
        driver.Power.ValidateAsync(new TestTaskContext(driver, NodeWith(driverInfo)), default);

    [Fact]
    public async Task Validate_WithoutAddress_IsMissingParameterValue()
    {
        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => ValidateAsync(new JsonObject { ["ipmi_username"] = "admin" }));
        Assert.Equal("Missing the following IPMI credentials in node's driver_info: ['ipmi_address'].", e.Message);
    }

    [Theory]
    [InlineData("ipmi_port", "70000", "ipmi_port \"70000\" is not a valid port.")]
    [InlineData("ipmi_port", "x", "ipmi_port \"x\" is not a valid port.")]
    [InlineData("ipmi_terminal_port", "-1", "ipmi_terminal_port \"-1\" is not a valid port.")]
    [InlineData("ipmi_priv_level", "ROOT", "Invalid privilege level value:ROOT, the valid value can be one of ADMINISTRATOR, CALLBACK, OPERATOR, USER")]
    [InlineData("ipmi_protocol_version", "3.0", "Invalid IPMI protocol version value 3.0, the valid value can be one of 2.0, 1.5")]
    [InlineData("ipmi_bridging", "triple", "Invalid value for ipmi_bridging: triple, the valid value can be one of: ['single', 'dual', 'no']")]
    [InlineData("ipmi_hex_kg_key", "abc", "Number of ipmi_hex_kg_key characters is not even")]
    [InlineData("ipmi_cipher_suite", "three", "Invalid cipher suite three, expected a number")]
    public async Task Validate_WithABadValue_IsInvalidParameterValue(string key, string value, string message)
    {
        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => ValidateAsync(new JsonObject { ["ipmi_address"] = "10.0.0.1", [key] = value }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Validate_CipherSuiteWithIpmi15_IsRefused()
    {
        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => ValidateAsync(new JsonObject
        {
            ["ipmi_address"] = "10.0.0.1", ["ipmi_protocol_version"] = "1.5", ["ipmi_cipher_suite"] = 3,
        }));
        Assert.Equal("Cipher suites cannot be used with IPMI 1.5", e.Message);
    }

    [Fact]
    public async Task Validate_DualBridgingWithoutItsAddresses_ListsWhatIsMissing()
    {
        var e = await Assert.ThrowsAsync<MissingParameterValue>(() => ValidateAsync(new JsonObject
        {
            ["ipmi_address"] = "10.0.0.1", ["ipmi_bridging"] = "dual", ["ipmi_target_channel"] = "7",
        }));
        Assert.Equal("['ipmi_target_address', 'ipmi_transit_channel', 'ipmi_transit_address'] not provided", e.Message);
    }

    [Fact]
    public async Task Validate_AFullDriverInfo_Passes_AndNumbersMayBeJsonNumbers()
    {
        await ValidateAsync(new JsonObject
        {
            ["ipmi_address"] = "bmc.example.org", ["ipmi_port"] = 623, ["ipmi_username"] = "admin", ["ipmi_password"] = "p",
            ["ipmi_priv_level"] = "OPERATOR", ["ipmi_protocol_version"] = "2.0", ["ipmi_cipher_suite"] = 17,
            ["ipmi_bridging"] = "single", ["ipmi_target_channel"] = "7", ["ipmi_target_address"] = "0x72",
            ["ipmi_hex_kg_key"] = "0a1b", ["ipmi_force_boot_device"] = true, ["ipmi_disable_boot_timeout"] = "false",
        });
    }

    [Fact]
    public void Properties_ListEveryKey_AddressRequired_OthersOptional()
    {
        var properties = driver.Power.GetProperties();
        Assert.EndsWith("Required.", properties["ipmi_address"]);
        Assert.EndsWith("Optional.", properties["ipmi_password"]);
        Assert.EndsWith("Optional.", properties["ipmi_priv_level"]);
        foreach (var key in new[] { "ipmi_port", "ipmi_username", "ipmi_bridging", "ipmi_target_channel", "ipmi_target_address",
                     "ipmi_transit_channel", "ipmi_transit_address", "ipmi_local_address", "ipmi_protocol_version",
                     "ipmi_force_boot_device", "ipmi_disable_boot_timeout", "ipmi_cipher_suite", "ipmi_hex_kg_key" })
        {
            Assert.True(properties.ContainsKey(key), key);
        }

        Assert.Equal(properties, driver.Management.GetProperties());
        Assert.Equal(properties, driver.Vendor.GetProperties());
    }

    [Fact]
    public void HardwareType_ListsIronicsInterfaces()
    {
        var ipmi = new IpmiHardware();
        Assert.Equal(["ipmitool"], ipmi.SupportedPowerInterfaces);
        Assert.Equal(["ipmitool", "noop"], ipmi.SupportedManagementInterfaces);
        Assert.Equal(["ipmitool", "no-vendor"], ipmi.SupportedVendorInterfaces);
        Assert.Equal(["ipmitool-socat", "ipmitool-shellinabox", "no-console"], ipmi.SupportedConsoleInterfaces);
        Assert.Equal(["ipxe", "pxe"], ipmi.SupportedBootInterfaces);
    }
}
