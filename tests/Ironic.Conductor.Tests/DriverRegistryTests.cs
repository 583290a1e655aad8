using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Drivers;

namespace Ironic.Conductor.Tests;

/// <summary>Enabling hardware types and interfaces from the configuration, and start-up failures.</summary>
public sealed class DriverRegistryTests
{
    [Fact]
    public void UnknownHardwareType_FailsNamingItAndListingTheKnownOnes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "no-such-plugins");

        var options = DriverTestSupport.Options(("IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES", "fake-hardware,ipmi"), ("IRONIC_DEFAULT__PLUGIN_DIRS", dir));

        var e = Assert.Throws<ConfigError>(() => new DriverRegistry(DriverTestSupport.Catalog(), options));

        Assert.Contains(dir, options.Default.PluginDirs);
        Assert.Equal(
            "[DEFAULT] enabled_hardware_types names 'ipmi', but no hardware type of that name was found in the plugin directories " +
            $"({string.Join(", ", options.Default.PluginDirs)}). Known hardware types: fake-hardware, manual-management.", e.Message);
    }

    [Fact]
    public void UnknownPowerInterface_FailsListingTheKnownPowerInterfaces()
    {
        var e = Assert.Throws<ConfigError>(() => DriverTestSupport.Registry(true, ("IRONIC_DEFAULT__ENABLED_POWER_INTERFACES", "fake,ipmitool")));

        Assert.Equal(
            "[DEFAULT] enabled_power_interfaces names 'ipmitool', but no power interface of that name was found. " +
            "Known power interfaces: configured, fake, test-power.", e.Message);
    }

    [Fact]
    public void DefaultInterfaceNotEnabled_Fails()
    {
        var e = Assert.Throws<ConfigError>(() => DriverTestSupport.Registry(
            ("IRONIC_DEFAULT__ENABLED_NETWORK_INTERFACES", "flat"), ("IRONIC_DEFAULT__DEFAULT_NETWORK_INTERFACE", "noop")));

        Assert.Equal(
            "[DEFAULT] default_network_interface is 'noop', which is not enabled. Enabled network interfaces: flat; " +
            "add it to enabled_network_interfaces.", e.Message);
    }

    [Fact]
    public void DefaultInterfaceUnknown_Fails()
    {
        var e = Assert.Throws<ConfigError>(() => DriverTestSupport.Registry(("IRONIC_DEFAULT__DEFAULT_NETWORK_INTERFACE", "neutron")));

        Assert.StartsWith("[DEFAULT] default_network_interface is 'neutron', which is not enabled. Enabled network interfaces: flat, noop;",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HardwareTypeLeftWithoutAnEnabledPowerInterface_FailsAtStartUp()
    {
        // manual-management supports only "fake" power; enabling only test-power leaves it nothing.
        var e = Assert.Throws<ConfigError>(() => DriverTestSupport.Registry(true,
            ("IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES", "manual-management"), ("IRONIC_DEFAULT__ENABLED_POWER_INTERFACES", "test-power")));

        Assert.Equal(
            "For hardware type 'manual-management', no default value found for power interface could be determined. " +
            "Please ensure the interfaces are enabled. Supported power interfaces of manual-management: fake; enabled: test-power.",
            e.Message);
    }

    [Fact]
    public void HardwareTypeLeftWithoutAnEnabledVendorInterface_FailsAtStartUp()
    {
        var e = Assert.Throws<ConfigError>(() => DriverTestSupport.Registry(("IRONIC_DEFAULT__ENABLED_VENDOR_INTERFACES", "fake")));

        Assert.StartsWith("For hardware type 'manual-management', no default value found for vendor interface could be determined.",
            e.Message, StringComparison.Ordinal);
        Assert.EndsWith("Supported vendor interfaces of manual-management: no-vendor; enabled: fake.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredDefaultUnsupportedByAnEnabledHardwareType_FailsAtStartUp()
    {
        // fake-hardware takes any implementation, manual-management supports only no-vendor.
        var e = Assert.Throws<ConfigError>(() => DriverTestSupport.Registry(("IRONIC_DEFAULT__DEFAULT_VENDOR_INTERFACE", "fake")));

        Assert.StartsWith("For hardware type 'manual-management', no default value found for vendor interface could be determined.",
            e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredDefaultUnsupported_IsFineWhenOnlyFakeHardwareIsEnabled()
    {
        var registry = DriverTestSupport.Registry(
            ("IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES", "fake-hardware"), ("IRONIC_DEFAULT__DEFAULT_VENDOR_INTERFACE", "no-vendor"));

        Assert.Equal("no-vendor", registry.DefaultInterface("fake-hardware", InterfaceKind.Vendor, null));
    }

    [Theory]
    [InlineData(InterfaceKind.Bios, "no-bios,fake")]
    [InlineData(InterfaceKind.Boot, "fake")]
    [InlineData(InterfaceKind.Console, "no-console,fake")]
    [InlineData(InterfaceKind.Deploy, "fake")]
    [InlineData(InterfaceKind.Inspect, "no-inspect,fake")]
    [InlineData(InterfaceKind.Management, "fake,noop")]
    [InlineData(InterfaceKind.Network, "flat,noop")]
    [InlineData(InterfaceKind.Power, "fake")]
    [InlineData(InterfaceKind.Raid, "no-raid,fake")]
    [InlineData(InterfaceKind.Rescue, "no-rescue,fake")]
    [InlineData(InterfaceKind.Storage, "noop,fake")]
    [InlineData(InterfaceKind.Vendor, "no-vendor,fake")]
    public void NotConfigured_EnablesIronicsDefaultsThatExist_PlusEachHardwareTypesFirstChoice(string kind, string expected)
    {
        var registry = DriverTestSupport.Registry();

        Assert.Equal(["fake-hardware", "manual-management"], registry.HardwareTypes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Split(','), registry.Enabled(kind));
    }

    [Theory]
    [InlineData(InterfaceKind.Bios, "no-bios")]
    [InlineData(InterfaceKind.Console, "no-console")]
    [InlineData(InterfaceKind.Management, "noop")]
    [InlineData(InterfaceKind.Power, "fake")]
    [InlineData(InterfaceKind.Vendor, "no-vendor")]
    public void NotConfigured_OnlyManualManagement_EnablesNoFakesItDoesNotPrefer(string kind, string expected)
    {
        var registry = DriverTestSupport.Registry(("IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES", "manual-management"));

        Assert.Equal(expected.Split(','), registry.Enabled(kind));
        Assert.Equal(["manual-management"], registry.HardwareTypes.Keys);
    }

    [Fact]
    public void Configured_EnablesExactlyTheListInItsOrder()
    {
        var registry = DriverTestSupport.Registry(true, ("IRONIC_DEFAULT__ENABLED_POWER_INTERFACES", "test-power,fake"));

        Assert.Equal(["test-power", "fake"], registry.Enabled(InterfaceKind.Power));
        Assert.IsType<TestPlugins.TestPower>(registry.Find(InterfaceKind.Power, "test-power"));
        Assert.Null(registry.Find(InterfaceKind.Power, "needs-arguments"));
    }

    [Fact]
    public void EnabledImplementations_AreOneSharedInstanceEach()
    {
        var registry = DriverTestSupport.Registry();

        Assert.Same(registry.Find(InterfaceKind.Power, "fake"), registry.GetInterface("manual-management", InterfaceKind.Power, "fake"));
        Assert.Same(registry.GetInterface("fake-hardware", InterfaceKind.Power, "fake"), registry.GetInterface("manual-management", InterfaceKind.Power, "fake"));
    }
}
