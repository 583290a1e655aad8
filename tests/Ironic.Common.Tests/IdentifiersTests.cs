using Ironic.Common.Validation;
using Ironic.Drivers;

namespace Ironic.Common.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("1be26c0b-03f2-4d2e-ae87-c02d7f33c123")]
    [InlineData("1BE26C0B-03F2-4D2E-AE87-C02D7F33C123")]
    [InlineData("1be26c0b03f24d2eae87c02d7f33c123")]
    public void IsUuidLike_AcceptsDashedUndashedAndUpperCase(string value) => Assert.True(Identifiers.IsUuidLike(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("node-1")]
    [InlineData("1be26c0b-03f2-4d2e-ae87-c02d7f33c12")]
    [InlineData("1be26c0b-03f2-4d2e-ae87-c02d7f33c123x")]
    public void IsUuidLike_RejectsOtherStrings(string? value) => Assert.False(Identifiers.IsUuidLike(value));

    [Fact]
    public void RequireUuid_NormalizesToLowerCaseDashedForm()
    {
        Assert.Equal("1be26c0b-03f2-4d2e-ae87-c02d7f33c123", Identifiers.RequireUuid("uuid", "1BE26C0B03F24D2EAE87C02D7F33C123"));
    }

    [Fact]
    public void RequireUuid_WhenNotAUuid_ThrowsInvalidUuidNamingTheField()
    {
        var e = Assert.Throws<InvalidUuid>(() => Identifiers.RequireUuid("chassis_uuid", "nope"));

        Assert.Equal(400, e.Code);
        Assert.Equal("Expected UUID for chassis_uuid: nope", e.Message);
    }

    [Theory]
    [InlineData("node-1")]
    [InlineData("Node_1.rack~2")]
    [InlineData("a")]
    public void IsValidLogicalName_AcceptsUnreservedCharacters(string name) =>
        Assert.True(Identifiers.IsValidLogicalName(name, hostnameRules: false));

    [Theory]
    [InlineData("")]
    [InlineData("node 1")]
    [InlineData("node/1")]
    [InlineData("node%1")]
    [InlineData("node-1\n")]
    public void IsValidLogicalName_RejectsReservedCharacters(string name) =>
        Assert.False(Identifiers.IsValidLogicalName(name, hostnameRules: false));

    [Fact]
    public void IsValidLogicalName_LimitsLengthTo255()
    {
        Assert.True(Identifiers.IsValidLogicalName(new string('a', 255), hostnameRules: false));
        Assert.False(Identifiers.IsValidLogicalName(new string('a', 256), hostnameRules: false));
    }

    [Theory]
    [InlineData("node-1", true)]
    [InlineData("node-1.example.com", true)]
    [InlineData("Node-1", false)]
    [InlineData("-node", false)]
    [InlineData("node_1", false)]
    [InlineData("node-1\n", false)]
    public void IsValidLogicalName_WithHostnameRules_AcceptsOnlyLowerCaseHostNames(string name, bool valid) =>
        Assert.Equal(valid, Identifiers.IsValidLogicalName(name, hostnameRules: true));

    [Fact]
    public void NormalizeMac_LowerCasesColonForm()
    {
        Assert.Equal("aa:bb:cc:dd:ee:0f", Identifiers.NormalizeMac("AA:BB:CC:DD:EE:0F"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aa-bb-cc-dd-ee-ff")]
    [InlineData("aabbccddeeff")]
    [InlineData("aa:bb:cc:dd:ee")]
    [InlineData("aa:bb:cc:dd:ee:ff:00")]
    [InlineData("gg:bb:cc:dd:ee:ff")]
    [InlineData("aa:bb:cc:dd:ee:ff\n")]
    [InlineData(" aa:bb:cc:dd:ee:ff")]
    public void NormalizeMac_RejectsAnythingButSixColonSeparatedOctets(string? value) =>
        Assert.Null(Identifiers.NormalizeMac(value));

    [Fact]
    public void RequireMac_WhenInvalid_ThrowsInvalidMacNamingTheField()
    {
        var e = Assert.Throws<InvalidMac>(() => Identifiers.RequireMac("address", "aa-bb-cc-dd-ee-ff"));

        Assert.Equal(400, e.Code);
        Assert.Contains("address", e.Message, StringComparison.Ordinal);
        Assert.Contains("aa-bb-cc-dd-ee-ff", e.Message, StringComparison.Ordinal);
    }
}
