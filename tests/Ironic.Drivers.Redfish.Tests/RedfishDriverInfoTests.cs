using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Redfish.Tests;

public sealed class RedfishDriverInfoTests
{
    private readonly RedfishTestDriver driver = new();

    private static Node NodeWith(JsonObject info) => new() { Uuid = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123", Driver = "redfish", DriverInfo = info };

    [Fact]
    public async Task Validate_WithoutAnAddress_NamesTheMissingProperty()
    {
        var task = new TestTaskContext(driver, NodeWith(new JsonObject { ["redfish_username"] = "admin" }));

        var error = await Assert.ThrowsAsync<MissingParameterValue>(() => driver.Power.ValidateAsync(task, default));

        Assert.Equal("Missing the following Redfish properties in node 1be26c0b-03f2-4d2e-ae87-c02d7f33c123 driver_info: ['redfish_address']", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.5", "https://10.0.0.5", "/redfish/v1/")]
    [InlineData("http://127.0.0.1:8000", "http://127.0.0.1:8000", "/redfish/v1/")]
    [InlineData("https://bmc.example.com:8443/custom/v1/", "https://bmc.example.com:8443", "/custom/v1/")]
    [InlineData("fd00::5", "https://[fd00::5]", "/redfish/v1/")]
    public void Address_WithoutAScheme_IsHttps_AndAPathBecomesTheRoot(string address, string expected, string root)
    {
        var endpoint = RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = address }), "auto");

        Assert.Equal((expected, root), (endpoint.Address, endpoint.RootPrefix));
    }

    [Theory]
    [InlineData("ftp://10.0.0.5")]
    [InlineData("http://")]
    [InlineData("http://user:pw@10.0.0.5")]
    public void Address_ThatIsNotAUrl_IsInvalid(string address)
    {
        var error = Assert.Throws<InvalidParameterValue>(() => RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = address }), "auto"));

        Assert.StartsWith("Invalid Redfish address", error.Message);
        Assert.DoesNotContain("pw@", error.Message.Replace(address, "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    public void VerifyCa_AcceptsBooleanStrings(string value, bool enabled) =>
        Assert.Equal(enabled, RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_verify_ca"] = value }), "auto").Verify.Enabled);

    [Fact]
    public void VerifyCa_AcceptsBooleansAndAnExistingPath()
    {
        var path = Path.GetTempFileName();
        try
        {
            Assert.False(RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_verify_ca"] = false }), "auto").Verify.Enabled);
            Assert.Equal(path, RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_verify_ca"] = path }), "auto").Verify.CaPath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task VerifyCa_OtherValues_AreInvalid_WithIronicsMessage()
    {
        var task = new TestTaskContext(driver, NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_verify_ca"] = "/no/such/bundle" }));

        var error = await Assert.ThrowsAsync<InvalidParameterValue>(() => driver.Management.ValidateAsync(task, default));

        Assert.Equal("Invalid value type set in driver_info/redfish_verify_ca on node 1be26c0b-03f2-4d2e-ae87-c02d7f33c123. " +
            "The value should be a Boolean or the path to a file/directory, not \"/no/such/bundle\"", error.Message);
    }

    [Fact]
    public async Task AuthType_MustBeBasicSessionOrAuto()
    {
        var task = new TestTaskContext(driver, NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_auth_type"] = "digest" }));

        var error = await Assert.ThrowsAsync<InvalidParameterValue>(() => driver.Bios.ValidateAsync(task, default));

        Assert.Equal("Invalid value \"digest\" set in driver_info/redfish_auth_type on node 1be26c0b-03f2-4d2e-ae87-c02d7f33c123. " +
            "The value should be one of \"basic\", \"session\" or \"auto\".", error.Message);
    }

    [Fact]
    public void AuthType_DefaultsToTheConfiguredOne()
    {
        var local = new RedfishTestDriver(("redfish.auth_type", "basic"));
        var task = new TestTaskContext(local, NodeWith(new JsonObject { ["redfish_address"] = "h" }));

        Assert.Equal("basic", RedfishDriverInfo.Parse(task.Node, RedfishOptions.Read(local.Services.Config).AuthType).AuthType);
    }

    [Fact]
    public async Task SystemId_ThatIsNotAString_IsInvalid_AndAPathIsQuoted()
    {
        var task = new TestTaskContext(driver, NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_system_id"] = 1 }));
        var error = await Assert.ThrowsAsync<InvalidParameterValue>(() => driver.Inspect.ValidateAsync(task, default));
        Assert.StartsWith("Invalid value \"1\" set in driver_info/redfish_system_id", error.Message);

        var endpoint = RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_system_id"] = "/redfish/v1/Systems/a b" }), "auto");
        Assert.Equal("/redfish/v1/Systems/a%20b", endpoint.SystemId);
    }

    [Fact]
    public async Task Validate_NeverContactsTheBmc()
    {
        // Nothing listens on port 9 of loopback; validation must not notice.
        var task = new TestTaskContext(driver, NodeWith(new JsonObject { ["redfish_address"] = "http://127.0.0.1:9", ["redfish_password"] = "x" }));

        foreach (var kind in new[] { InterfaceKind.Power, InterfaceKind.Management, InterfaceKind.Bios, InterfaceKind.Inspect })
        {
            await driver.Get(kind).ValidateAsync(task, default);
        }
    }

    [Fact]
    public void Properties_ListEveryKey_AsRequiredOrOptional()
    {
        var properties = driver.Power.GetProperties();

        Assert.Equal(["redfish_address", "redfish_auth_type", "redfish_password", "redfish_system_id", "redfish_username", "redfish_verify_ca"], properties.Keys.Order());
        Assert.EndsWith("Required.", properties["redfish_address"]);
        Assert.All(properties.Where(p => p.Key != "redfish_address"), p => Assert.EndsWith("Optional.", p.Value));
        Assert.Equal(properties, driver.Management.GetProperties());
    }

    [Fact]
    public void Endpoint_ToString_LeavesThePasswordOut()
    {
        var endpoint = RedfishDriverInfo.Parse(NodeWith(new JsonObject { ["redfish_address"] = "h", ["redfish_username"] = "u", ["redfish_password"] = "pw-123" }), "auto");

        Assert.DoesNotContain("pw-123", endpoint.ToString());
    }

    [Fact]
    public void HardwareType_ListsRedfishInterfacesFirst()
    {
        var type = new RedfishHardware();

        Assert.Equal(["redfish"], type.SupportedPowerInterfaces);
        Assert.Equal(["redfish", "noop"], type.SupportedManagementInterfaces);
        Assert.Equal(["redfish", "no-bios"], type.SupportedBiosInterfaces);
        Assert.Equal(["redfish", "inspector", "no-inspect"], type.SupportedInspectInterfaces);
        Assert.Equal(["ipxe", "pxe", "redfish-virtual-media"], type.SupportedBootInterfaces);
    }
}
