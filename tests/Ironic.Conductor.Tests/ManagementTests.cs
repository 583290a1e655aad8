using Ironic.Conductor.Tests.TestPlugins;
using Ironic.Drivers;
using Ironic.Drivers.Fake;
using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Tests;

/// <summary>Boot device, sensors, NMI, console, validation and driver properties through the conductor.</summary>
public sealed class ManagementTests(ConductorFixture fx) : IClassFixture<ConductorFixture>, IAsyncLifetime
{
    private readonly ConductorHarness conductor = new(fx, "conductor-management", withTestPlugins: true,
        ("IRONIC_DEFAULT__ENABLED_POWER_INTERFACES", "fake,test-power"));

    private static readonly CancellationToken None = CancellationToken.None;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await conductor.DisposeAsync();

    private Task<Node> CreateAsync(string driver = "fake-hardware") =>
        conductor.Manager.CreateNodeAsync(
            new Node { Uuid = ConductorFixture.NewUuid(), Driver = driver, ProvisionState = ProvisionState.Enroll }, None);

    [Fact]
    public async Task SetBootDevice_ThenGet_ReturnsIt_AndReleasesTheLock()
    {
        var node = await CreateAsync();

        await conductor.Manager.SetBootDeviceAsync(node.Uuid, BootDevice.Pxe, persistent: true, None);
        var info = await conductor.Manager.GetBootDeviceAsync(node.Uuid, None);

        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, true), info);
        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.Equal(BootDevice.Pxe, stored.DriverInternalInfo[FakeManagement.BootDeviceKey]!.GetValue<string>());
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task SetBootDevice_Unsupported_ThrowsInvalidParameterValue_AndChangesNothing()
    {
        var node = await CreateAsync();

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(
            () => conductor.Manager.SetBootDeviceAsync(node.Uuid, BootDevice.Disk, persistent: false, None));

        Assert.Equal(400, e.Code);
        Assert.Equal("Invalid boot device disk specified, supported values are: pxe.", e.Message);
        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.False(stored.DriverInternalInfo.ContainsKey(FakeManagement.BootDeviceKey));
        Assert.Null(stored.Reservation);
        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, false), await conductor.Manager.GetBootDeviceAsync(node.Uuid, None));
    }

    [Theory]
    [InlineData("fake-hardware", new[] { "pxe" })]
    [InlineData("manual-management", new[] { "pxe", "disk" })]
    public async Task GetSupportedBootDevices_ComesFromTheNodesManagementInterface(string driver, string[] expected)
    {
        var node = await CreateAsync(driver);

        Assert.Equal(expected, await conductor.Manager.GetSupportedBootDevicesAsync(node.Uuid, None));
    }

    [Fact]
    public async Task SetBootDevice_ManualManagement_IsAcceptedAndThePxeFirstOrderIsReported()
    {
        var node = await CreateAsync("manual-management");

        await conductor.Manager.SetBootDeviceAsync(node.Uuid, BootDevice.Disk, persistent: false, None);

        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, true), await conductor.Manager.GetBootDeviceAsync(node.Uuid, None));
    }

    [Fact]
    public async Task SensorsAndNmi_FakeAnswers_NoopManagementIsUnsupported()
    {
        var fake = await CreateAsync();
        var manual = await CreateAsync("manual-management");

        var sensors = await conductor.Manager.GetSensorsDataAsync(fake.Uuid, None);
        await conductor.Manager.InjectNmiAsync(fake.Uuid, None);
        var noSensors = await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => conductor.Manager.GetSensorsDataAsync(manual.Uuid, None));
        var noNmi = await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => conductor.Manager.InjectNmiAsync(manual.Uuid, None));

        Assert.NotNull(sensors["Temperature"]);
        Assert.Equal("Driver manual-management does not support get_sensors_data (disabled or not implemented).", noSensors.Message);
        Assert.Equal("Driver manual-management does not support inject_nmi (disabled or not implemented).", noNmi.Message);
        Assert.Null((await fx.GetNodeAsync(manual.Uuid)).Reservation);
    }

    [Fact]
    public async Task Console_EnableThenInformation_ThenDisable_ThenNotEnabled()
    {
        var node = await CreateAsync();

        await conductor.Manager.SetConsoleModeAsync(node.Uuid, enabled: true, None);
        await conductor.Pool.WhenIdleAsync();
        var enabled = await fx.GetNodeAsync(node.Uuid);
        var info = await conductor.Manager.GetConsoleInformationAsync(node.Uuid, None);
        await conductor.Manager.SetConsoleModeAsync(node.Uuid, enabled: false, None);
        await conductor.Pool.WhenIdleAsync();
        var disabled = await fx.GetNodeAsync(node.Uuid);
        var e = await Assert.ThrowsAsync<NodeConsoleNotEnabled>(() => conductor.Manager.GetConsoleInformationAsync(node.Uuid, None));

        Assert.True(enabled.ConsoleEnabled);
        Assert.Null(enabled.Reservation);
        Assert.Empty(info);
        Assert.False(disabled.ConsoleEnabled);
        Assert.Null(disabled.Reservation);
        Assert.Null(disabled.LastError);
        Assert.Equal(400, e.Code);
        Assert.Equal($"Console access is not enabled on node {node.Uuid}", e.Message);
    }

    [Fact]
    public async Task Console_NoConsole_FailsValidationBeforeSpawning_AndReleasesTheLock()
    {
        var node = await CreateAsync("manual-management");

        var e = await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => conductor.Manager.SetConsoleModeAsync(node.Uuid, enabled: true, None));

        Assert.Equal("Driver manual-management does not support console (disabled or not implemented).", e.Message);
        Assert.Equal(0, conductor.Pool.Busy);
        var stored = await fx.GetNodeAsync(node.Uuid);
        Assert.False(stored.ConsoleEnabled);
        Assert.Null(stored.Reservation);
    }

    [Fact]
    public async Task Validate_FakeHardware_AllTwelveInterfacesPass()
    {
        var node = await CreateAsync();

        var result = await conductor.Manager.ValidateDriverInterfacesAsync(node.Uuid, None);

        Assert.Equal(InterfaceKind.All.Order(StringComparer.Ordinal), result.Keys);
        Assert.All(result.Values, v => { Assert.True(v.Result); Assert.Null(v.Reason); });
    }

    [Fact]
    public async Task Validate_ManualManagement_NoOpInterfacesFailWithTheirReason()
    {
        var node = await CreateAsync("manual-management");

        var result = await conductor.Manager.ValidateDriverInterfacesAsync(node.Uuid, None);

        string[] failing = [InterfaceKind.Bios, InterfaceKind.Console, InterfaceKind.Inspect, InterfaceKind.Raid, InterfaceKind.Rescue, InterfaceKind.Vendor];
        Assert.Equal(12, result.Count);
        Assert.All(failing, k =>
        {
            Assert.False(result[k].Result);
            Assert.Equal($"Driver manual-management does not support {k} (disabled or not implemented).", result[k].Reason);
        });
        Assert.All(InterfaceKind.All.Except(failing), k => Assert.True(result[k].Result));
    }

    [Fact]
    public async Task DriverProperties_CollectTheEnabledSupportedInterfacesProperties()
    {
        var fake = await conductor.Manager.GetDriverPropertiesAsync("fake-hardware", None);
        var manual = await conductor.Manager.GetDriverPropertiesAsync("manual-management", None);

        // fake-hardware takes any enabled implementation, test-power included; manual-management supports only fake power.
        Assert.Equal("Address of the test power controller. Required.", fake[TestPower.AddressProperty]);
        Assert.DoesNotContain(TestPower.AddressProperty, manual.Keys);
    }

    [Fact]
    public async Task DriverProperties_UnknownDriver_ThrowsDriverNotFound()
    {
        var e = await Assert.ThrowsAsync<DriverNotFound>(() => conductor.Manager.GetDriverPropertiesAsync("ipmi", None));

        Assert.Equal(404, e.Code);
        Assert.Equal("Could not find the following driver(s) or hardware type(s): ipmi.", e.Message);
    }

    [Theory]
    [InlineData("fake-hardware")]
    [InlineData("manual-management")]
    public async Task RaidLogicalDiskProperties_AreTheSchemasPropertiesOfTheDefaultRaidInterface(string driver)
    {
        // manual-management's default is no-raid; like Ironic's NoRAID it still describes the schema
        // (only validating or applying a configuration fails).
        var properties = await conductor.Manager.GetRaidLogicalDiskPropertiesAsync(driver, None);

        Assert.Equal(10, properties.Count);
        Assert.StartsWith("Size (Integer) of the logical disk to be created in GiB.", properties["size_gb"], StringComparison.Ordinal);
        Assert.Contains("raid_level", properties.Keys);
        Assert.Contains("physical_disks", properties.Keys);
    }

    [Fact]
    public async Task RaidLogicalDiskProperties_UnknownDriver_ThrowsDriverNotFound()
    {
        var e = await Assert.ThrowsAsync<DriverNotFound>(() => conductor.Manager.GetRaidLogicalDiskPropertiesAsync("ipmi", None));

        Assert.Equal(404, e.Code);
    }
}
