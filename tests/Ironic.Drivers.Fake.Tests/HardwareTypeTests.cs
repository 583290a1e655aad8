using System.Reflection;

namespace Ironic.Drivers.Fake.Tests;

public sealed class HardwareTypeTests
{
    private static readonly Assembly Plugin = typeof(FakeHardware).Assembly;

    [Fact]
    public void FakeHardware_PrefersFakeForEveryKindButNetwork_ThenGenericDefaults()
    {
        var fake = new FakeHardware();
        var generic = new ManualManagementHardware(); // any GenericHardware exposes the defaults for these kinds

        foreach (var kind in InterfaceKind.All.Except([InterfaceKind.Network, InterfaceKind.Management, InterfaceKind.Power,
                     InterfaceKind.Boot, InterfaceKind.Deploy, InterfaceKind.Vendor]))
        {
            Assert.Equal(["fake", .. generic.Supported(kind)], fake.Supported(kind));
        }

        Assert.Equal(["fake", "ipxe", "pxe"], fake.SupportedBootInterfaces);
        Assert.Equal(["fake", "direct", "ansible", "ramdisk", "custom-agent"], fake.SupportedDeployInterfaces);
        Assert.Equal(["fake", "no-vendor"], fake.SupportedVendorInterfaces);
        Assert.Equal(["fake"], fake.SupportedManagementInterfaces);
        Assert.Equal(["fake"], fake.SupportedPowerInterfaces);
        Assert.Equal(["flat", "neutron", "noop"], fake.SupportedNetworkInterfaces);
        Assert.True(fake.AcceptsAnyInterface);
    }

    [Fact]
    public void ManualManagement_ListsNoopManagementFakePowerAndFakeBootDeployLast()
    {
        var manual = new ManualManagementHardware();

        Assert.Equal(["noop", "fake"], manual.SupportedManagementInterfaces);
        Assert.Equal(["fake"], manual.SupportedPowerInterfaces);
        Assert.Equal(["no-vendor"], manual.SupportedVendorInterfaces);
        Assert.Equal(["ipxe", "pxe", "fake"], manual.SupportedBootInterfaces);
        Assert.Equal(["direct", "ansible", "ramdisk", "custom-agent", "fake"], manual.SupportedDeployInterfaces);
        Assert.Equal(["no-console"], manual.SupportedConsoleInterfaces);
        Assert.False(manual.AcceptsAnyInterface);
    }

    [Fact]
    public void HardwareTypes_AreRegisteredUnderIronicsNames()
    {
        var names = Plugin.GetTypes()
            .Select(t => t.GetCustomAttribute<HardwareTypeAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

        Assert.Equal(["fake-hardware", "manual-management"], names);
    }

    [Fact]
    public void Interfaces_AreDiscoverable_AndRegisteredUnderIronicsNamesPerKind()
    {
        var registered = Plugin.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BaseInterface)))
            .Select(t =>
            {
                Assert.True(t.IsPublic && !t.IsAbstract, $"{t.Name} must be public and concrete");
                Assert.NotNull(t.GetConstructor(Type.EmptyTypes));
                var name = t.GetCustomAttribute<HardwareInterfaceAttribute>()?.Name;
                Assert.True(name is not null, $"{t.Name} lacks [HardwareInterface]");
                var instance = (BaseInterface)Activator.CreateInstance(t)!;
                return $"{instance.Kind}/{name}";
            })
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [
                "bios/fake", "bios/no-bios", "boot/fake", "console/fake", "console/no-console", "deploy/fake",
                "inspect/fake", "inspect/no-inspect", "management/fake", "management/noop", "network/flat", "network/noop",
                "power/fake", "raid/fake", "raid/no-raid", "rescue/fake", "rescue/no-rescue", "storage/fake", "storage/noop",
                "vendor/fake", "vendor/no-vendor",
            ],
            registered);
    }

    [Theory]
    [InlineData(typeof(FakeHardware))]
    [InlineData(typeof(ManualManagementHardware))]
    public void EveryKind_OfBothHardwareTypes_HasAnImplementationInThisPlugin(Type hardwareType)
    {
        // The default is the first supported name that is enabled; with only this plugin loaded
        // (ipxe, direct, inspector... come with others) every kind must still find one here.
        var provided = Plugin.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BaseInterface)))
            .Select(t => $"{((BaseInterface)Activator.CreateInstance(t)!).Kind}/{t.GetCustomAttribute<HardwareInterfaceAttribute>()!.Name}")
            .ToHashSet();
        var type = (HardwareType)Activator.CreateInstance(hardwareType)!;

        Assert.All(InterfaceKind.All, kind => Assert.Contains(type.Supported(kind), name => provided.Contains($"{kind}/{name}")));
    }
}
