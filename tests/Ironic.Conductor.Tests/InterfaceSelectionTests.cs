using Ironic.Conductor.Loading;
using Ironic.Drivers;
using Ironic.Drivers.Fake;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Tests;

/// <summary>Which implementation a node gets for each kind, and which it may ask for.</summary>
public sealed class InterfaceSelectionTests
{
    private readonly DriverRegistry registry = DriverTestSupport.Registry();

    private static Node NewNode(string driver, Action<Node>? configure = null)
    {
        var node = new Node { Uuid = Guid.NewGuid().ToString("D"), Driver = driver };
        configure?.Invoke(node);
        return node;
    }

    [Theory]
    [InlineData("fake-hardware", InterfaceKind.Management, "fake")]
    [InlineData("fake-hardware", InterfaceKind.Network, "flat")]
    [InlineData("fake-hardware", InterfaceKind.Raid, "fake")]
    [InlineData("manual-management", InterfaceKind.Management, "noop")]
    [InlineData("manual-management", InterfaceKind.Boot, "fake")]
    [InlineData("manual-management", InterfaceKind.Inspect, "no-inspect")]
    [InlineData("manual-management", InterfaceKind.Raid, "no-raid")]
    [InlineData("manual-management", InterfaceKind.Vendor, "no-vendor")]
    public void Default_WithoutConfiguredDefault_IsTheFirstSupportedEnabledOne(string hardwareType, string kind, string expected) =>
        Assert.Equal(expected, registry.DefaultInterface(hardwareType, kind, null));

    [Fact]
    public void Default_SkipsSupportedNamesThatAreNotEnabled()
    {
        // manual-management lists ipxe and pxe before fake; neither exists here.
        var r = DriverTestSupport.Registry(("IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES", "fake"));

        Assert.Equal("fake", r.DefaultInterface("manual-management", InterfaceKind.Management, null));
        Assert.Equal("fake", r.DefaultInterface("manual-management", InterfaceKind.Boot, null));
    }

    [Fact]
    public void Default_ConfiguredDefault_WinsOverThePreferenceOrder()
    {
        var r = DriverTestSupport.Registry(("IRONIC_DEFAULT__DEFAULT_NETWORK_INTERFACE", "noop"), ("IRONIC_DEFAULT__DEFAULT_MANAGEMENT_INTERFACE", "fake"));

        Assert.Equal("noop", r.DefaultInterface("fake-hardware", InterfaceKind.Network, null));
        Assert.Equal("noop", r.DefaultInterface("manual-management", InterfaceKind.Network, null));
        Assert.Equal("fake", r.DefaultInterface("manual-management", InterfaceKind.Management, null));
    }

    [Fact]
    public void Default_ConfiguredDefault_IsTakenByFakeHardwareEvenWhenNotListed()
    {
        var r = DriverTestSupport.Registry(("IRONIC_DEFAULT__DEFAULT_MANAGEMENT_INTERFACE", "noop"));

        Assert.Equal("noop", r.DefaultInterface("fake-hardware", InterfaceKind.Management, null));
    }

    [Fact]
    public void Default_ForHardwareTypeNotEnabled_ThrowsDriverNotFound()
    {
        var e = Assert.Throws<DriverNotFound>(() => registry.DefaultInterface("ipmi", InterfaceKind.Power, null));

        Assert.Equal(404, e.Code);
        Assert.Equal("Could not find the following driver(s) or hardware type(s): ipmi.", e.Message);
    }

    [Fact]
    public void CheckAndUpdate_FillsEveryEmptyKindWithItsDefault_AndReportsTheFields()
    {
        var node = NewNode("fake-hardware");

        var set = registry.CheckAndUpdateNodeInterfaces(node);

        Assert.Equal(InterfaceKind.All.Select(InterfaceKind.FieldName), set);
        Assert.All(InterfaceKind.All.Where(k => k != InterfaceKind.Network), k => Assert.Equal("fake", NodeInterfaces.Get(node, k)));
        Assert.Equal("flat", node.NetworkInterface);
    }

    [Fact]
    public void CheckAndUpdate_NodeFieldWinsOverTheDefault()
    {
        var node = NewNode("fake-hardware", n => { n.NetworkInterface = "noop"; n.RaidInterface = "no-raid"; });

        var set = registry.CheckAndUpdateNodeInterfaces(node);

        Assert.Equal("noop", node.NetworkInterface);
        Assert.Equal("no-raid", node.RaidInterface);
        Assert.DoesNotContain("network_interface", set);
        Assert.DoesNotContain("raid_interface", set);
        Assert.Equal(10, set.Count);
    }

    [Fact]
    public void GetInterface_FakeHardware_AcceptsAnyEnabledImplementation()
    {
        var management = registry.GetInterface("fake-hardware", InterfaceKind.Management, "noop");
        var vendor = registry.GetInterface("fake-hardware", InterfaceKind.Vendor, "no-vendor");

        Assert.IsType<NoopManagement>(management);
        Assert.IsType<NoVendor>(vendor);
    }

    [Fact]
    public void GetInterface_ManualManagement_RefusesAnUnsupportedImplementation()
    {
        var e = Assert.Throws<IncompatibleInterface>(() => registry.GetInterface("manual-management", InterfaceKind.Vendor, "fake"));

        Assert.Equal(400, e.Code);
        Assert.Equal("vendor interface implementation 'fake' is not supported by hardware type ManualManagementHardware.", e.Message);
    }

    [Fact]
    public void GetInterface_UnknownName_ThrowsInterfaceNotFoundListingTheEnabledNames()
    {
        var e = Assert.Throws<InterfaceNotFoundInEntrypoint>(() => registry.GetInterface("fake-hardware", InterfaceKind.Management, "ipmitool"));

        Assert.Equal(400, e.Code);
        Assert.Equal(
            "Could not find the following interface in the 'ironic.hardware.interfaces.management' entrypoint: ipmitool. " +
            "Valid interfaces are ['fake', 'noop'].", e.Message);
    }

    [Fact]
    public void GetInterface_ImplementationFoundButNotEnabled_IsNotFound()
    {
        var r = DriverTestSupport.Registry(("IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES", "fake"));

        var e = Assert.Throws<InterfaceNotFoundInEntrypoint>(() => r.GetInterface("fake-hardware", InterfaceKind.Management, "noop"));

        Assert.EndsWith("entrypoint: noop. Valid interfaces are ['fake'].", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAndUpdate_UnsupportedChoice_ThrowsAndTheNodeKeepsItsChoice()
    {
        var node = NewNode("manual-management", n => n.RaidInterface = "fake");

        Assert.Throws<IncompatibleInterface>(() => registry.CheckAndUpdateNodeInterfaces(node));

        Assert.Equal("fake", node.RaidInterface);
    }

    [Fact]
    public void Build_ComposesTheNodesChosenImplementations()
    {
        var node = NewNode("fake-hardware", n => n.ManagementInterface = "noop");
        registry.CheckAndUpdateNodeInterfaces(node);

        var driver = (ComposedDriver)registry.Build(node);

        Assert.Equal("fake-hardware", driver.Name);
        Assert.IsType<FakeHardware>(driver.HardwareType);
        Assert.IsType<NoopManagement>(driver.Management);
        Assert.IsType<FakePower>(driver.Power);
        Assert.IsType<FlatNetwork>(driver.Network);
        Assert.All(InterfaceKind.All, k => Assert.Equal(k, driver.Get(k).Kind));
    }

    [Fact]
    public void Build_NodeWithEmptyFields_UsesTheDefaults()
    {
        var driver = registry.Build(NewNode("manual-management"));

        Assert.IsType<NoopManagement>(driver.Management);
        Assert.IsType<NoRaid>(driver.Raid);
        Assert.IsType<NoVendor>(driver.Vendor);
    }

    [Fact]
    public void EnabledSupported_IsEveryEnabledOneForFakeHardware_AndTheSupportedOnesInPreferenceOrderOtherwise()
    {
        Assert.Equal(["fake", "noop"], registry.EnabledSupported("fake-hardware", InterfaceKind.Management));
        Assert.Equal(["noop", "fake"], registry.EnabledSupported("manual-management", InterfaceKind.Management));
        Assert.Equal(["no-vendor"], registry.EnabledSupported("manual-management", InterfaceKind.Vendor));
    }
}
