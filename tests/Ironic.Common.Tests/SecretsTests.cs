using System.Text.Json.Nodes;
using Ironic.Common.Validation;

namespace Ironic.Common.Tests;

public sealed class SecretsTests
{
    [Theory]
    [InlineData("ipmi_password")]
    [InlineData("redfish_password")]
    [InlineData("IPMI_PASSWORD")]
    [InlineData("my_secret")]
    [InlineData("token")]
    [InlineData("auth_token")]
    [InlineData("ssh_key_contents")]
    [InlineData("ipmi_passphrase")]
    public void IsSecretKey_RecognizesSecretKeys(string key) => Assert.True(Secrets.IsSecretKey(key));

    [Theory]
    [InlineData("ipmi_address")]
    [InlineData("ipmi_username")]
    [InlineData("redfish_address")]
    [InlineData("deploy_kernel")]
    [InlineData("ipmi_port")]
    public void IsSecretKey_LeavesOrdinaryKeysAlone(string key) => Assert.False(Secrets.IsSecretKey(key));

    [Fact]
    public void MaskCopy_MasksSecretsAtEveryDepth_AndKeepsTheRest()
    {
        var source = new JsonObject
        {
            ["ipmi_address"] = "10.0.0.5",
            ["ipmi_username"] = "admin",
            ["ipmi_password"] = "hunter2",
            ["nested"] = new JsonObject
            {
                ["redfish_password"] = "s3cret",
                ["deeper"] = new JsonObject { ["api_token"] = "abc", ["port"] = 623 },
            },
        };

        var masked = Secrets.MaskCopy(source);

        Assert.Equal("""
            {"ipmi_address":"10.0.0.5","ipmi_username":"admin","ipmi_password":"******","nested":{"redfish_password":"******","deeper":{"api_token":"******","port":623}}}
            """, masked.ToJsonString());
    }

    [Theory]
    [InlineData(
        """{"ipmi_address":"10.0.0.5","ipmi_password":"hunter2","port":623,"ratio":1.50,"on":true,"off":false,"none":null}""",
        """{"ipmi_address":"10.0.0.5","ipmi_password":"******","port":623,"ratio":1.50,"on":true,"off":false,"none":null}""")]
    [InlineData(
        """{"redfish_password":{"nested":"object"},"secret":[1,2],"token":null,"list":[{"api_token":"x","keep":"y"},"plain",[{"passwd":"z"}]]}""",
        """{"redfish_password":"******","secret":"******","token":null,"list":[{"api_token":"******","keep":"y"},"plain",[{"passwd":"******"}]]}""")]
    [InlineData(
        """{"quote":"a \"b\" \u00e9\u4e2d","caf\u00e9_password":"p","path":"C:\\x","url":"http://h/?a=1&b=<2>"}""",
        """{"quote":"a \u0022b\u0022 \u00E9\u4E2D","caf\u00E9_password":"******","path":"C:\\x","url":"http://h/?a=1\u0026b=\u003C2\u003E"}""")]
    [InlineData("""{}""", """{}""")]
    public void WriteMasked_MasksSecrets_ForParsedAndBuiltObjects_AndMaskCopyAgrees(string json, string expected)
    {
        var parsed = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(expected, Written(JsonNode.Parse(json)!.AsObject()));
        Assert.Equal(expected, Written(parsed.DeepClone().AsObject()));
        Assert.Equal(expected, Secrets.MaskCopy(parsed).ToJsonString());
    }

    private static string Written(JsonObject source)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Secrets.WriteMasked(writer, source);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void MaskCopy_DoesNotChangeTheSource()
    {
        var source = new JsonObject { ["ipmi_password"] = "hunter2", ["nested"] = new JsonObject { ["secret"] = "x" } };

        _ = Secrets.MaskCopy(source);

        Assert.Equal("hunter2", (string?)source["ipmi_password"]);
        Assert.Equal("x", (string?)source["nested"]!["secret"]);
    }

    [Fact]
    public void MaskCopy_MasksNonStringSecretValues_AndLeavesNullsNull()
    {
        var source = new JsonObject
        {
            ["ipmi_password"] = null,
            ["secret_number"] = 1234,
            ["secret_dict"] = new JsonObject { ["a"] = "b" },
        };

        var masked = Secrets.MaskCopy(source);

        Assert.True(masked.ContainsKey("ipmi_password"));
        Assert.Null(masked["ipmi_password"]);
        Assert.Equal(Secrets.Mask, (string?)masked["secret_number"]);
        Assert.Equal(Secrets.Mask, (string?)masked["secret_dict"]);
    }
}
