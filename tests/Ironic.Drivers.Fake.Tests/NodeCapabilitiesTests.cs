using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Fake.Tests;

/// <summary>The contract's capability and boot mode helpers, which every plugin shares.</summary>
public sealed class NodeCapabilitiesTests
{
    [Fact]
    public void Parse_SkipsMalformedEntries_TrimsAndKeepsTheFirstOfARepeatedKey()
    {
        var caps = NodeCapabilities.Parse(" boot_mode : uefi ,novalue:,:nokey,a:b:c,boot_mode:bios,disk_label:gpt");

        Assert.Equal(new Dictionary<string, string> { ["boot_mode"] = "uefi", ["disk_label"] = "gpt" }, caps);
        Assert.Empty(NodeCapabilities.Parse(null));
    }

    [Fact]
    public void Get_ReadsPropertiesCapabilities()
    {
        var node = new Node { Properties = new JsonObject { ["capabilities"] = "boot_mode:bios,secure_boot:true" } };

        Assert.Equal("bios", NodeCapabilities.Get(node, "boot_mode"));
        Assert.Null(NodeCapabilities.Get(node, "disk_label"));
        Assert.Null(NodeCapabilities.Get(new Node(), "boot_mode"));
    }

    [Fact]
    public void FromInstanceInfo_TakesAnObjectOrAJsonStringOfOne_ElseThrowsInvalidParameterValue()
    {
        var asObject = new Node { InstanceInfo = new JsonObject { ["capabilities"] = new JsonObject { ["boot_mode"] = "uefi", ["n"] = 1 } } };
        var asString = new Node { InstanceInfo = new JsonObject { ["capabilities"] = """{"secure_boot": "true"}""" } };
        var broken = new Node { Uuid = "n1", InstanceInfo = new JsonObject { ["capabilities"] = "boot_mode:uefi" } };

        Assert.Equal(new Dictionary<string, string> { ["boot_mode"] = "uefi", ["n"] = "1" }, NodeCapabilities.FromInstanceInfo(asObject));
        Assert.Equal("true", NodeCapabilities.FromInstanceInfo(asString)["secure_boot"]);
        var e = Assert.Throws<InvalidParameterValue>(() => NodeCapabilities.FromInstanceInfo(broken));
        Assert.Equal(400, e.Code);
        Assert.Contains("Node n1 instance_info", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesAnUnknownValueOfAKnownCapability()
    {
        var node = new Node { Properties = new JsonObject { ["capabilities"] = "disk_label:zfs" } };

        var e = Assert.Throws<InvalidParameterValue>(() => NodeCapabilities.Validate(node));
        Assert.Equal("The parameter 'disk_label' from properties/capabilities has an invalid value: 'zfs'. Acceptable values are: msdos, gpt.", e.Message);
    }

    [Fact]
    public void BootModeForDeploy_LooksWhereIronicLooks_InOrder()
    {
        var node = new Node();
        Assert.Null(BootMode.ForDeploy(node));
        Assert.Equal(BootMode.Uefi, BootMode.Resolve(node, BootMode.Uefi));

        node.DriverInternalInfo["deploy_boot_mode"] = "BIOS";
        Assert.Equal(BootMode.Bios, BootMode.ForDeploy(node));

        node.DriverInternalInfo["deploy_boot_mode"] = "uefi";
        node.Properties["capabilities"] = "boot_mode:bios";
        Assert.Equal(BootMode.Bios, BootMode.Resolve(node, BootMode.Uefi));

        node.InstanceInfo["deploy_boot_mode"] = "bios";
        node.InstanceInfo["capabilities"] = new JsonObject { ["secure_boot"] = "true" };
        Assert.Equal(BootMode.Uefi, BootMode.ForDeploy(node));
    }

    [Fact]
    public void BootModeForDeploy_ThatContradictsPropertiesCapabilities_ThrowsInvalidParameterValue()
    {
        var node = new Node
        {
            Uuid = "n1",
            Properties = new JsonObject { ["capabilities"] = "boot_mode:bios" },
            InstanceInfo = new JsonObject { ["capabilities"] = new JsonObject { ["boot_mode"] = "uefi" } },
        };

        var e = Assert.Throws<InvalidParameterValue>(() => BootMode.ForDeploy(node));
        Assert.Equal("Node n1 boot mode uefi violates node properties/capabilities bios", e.Message);
    }
}
