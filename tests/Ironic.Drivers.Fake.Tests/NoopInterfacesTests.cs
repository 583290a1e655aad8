namespace Ironic.Drivers.Fake.Tests;

public sealed class NoopInterfacesTests
{
    private readonly TestTaskContext task = new(FakeDrivers.ManualManagement());

    public static TheoryData<string, string, Func<ITaskContext, Task>> FailingOperations => new()
    {
        { "bios", "validate", t => new NoBios().ValidateAsync(t, default) },
        { "bios", "apply_configuration", t => new NoBios().ApplyConfigurationAsync(t, [], default) },
        { "bios", "factory_reset", t => new NoBios().FactoryResetAsync(t, default) },
        { "console", "validate", t => new NoConsole().ValidateAsync(t, default) },
        { "console", "start_console", t => new NoConsole().StartConsoleAsync(t, default) },
        { "console", "stop_console", t => new NoConsole().StopConsoleAsync(t, default) },
        { "console", "get_console", t => new NoConsole().GetConsoleAsync(t, default) },
        { "inspect", "validate", t => new NoInspect().ValidateAsync(t, default) },
        { "inspect", "inspect_hardware", t => new NoInspect().InspectHardwareAsync(t, default) },
        { "raid", "validate", t => new NoRaid().ValidateAsync(t, default) },
        { "rescue", "validate", t => new NoRescue().ValidateAsync(t, default) },
        { "rescue", "rescue", t => new NoRescue().RescueAsync(t, default) },
        { "rescue", "unrescue", t => new NoRescue().UnrescueAsync(t, default) },
        { "vendor", "validate", t => new NoVendor().ValidateAsync(t, default) },
        { "vendor", "validate method", t => new NoVendor().ValidateAsync(t, "first_method", [], default) },
    };

    [Theory]
    [MemberData(nameof(FailingOperations))]
    public async Task NoOpInterface_Operation_ThrowsUnsupportedDriverExtensionWithIronicsMessage(
        string extension, string operation, Func<ITaskContext, Task> call)
    {
        var e = await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => call(task));

        Assert.True(
            e.Message == $"Driver manual-management does not support {extension} (disabled or not implemented).",
            $"{extension}.{operation}: {e.Message}");
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public async Task NoVendor_DriverValidate_NamesTheInterfaceClassAsIronicDoes()
    {
        var e = await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => new NoVendor().DriverValidateAsync("lookup", [], default));

        Assert.Equal("Driver NoVendor does not support vendor (disabled or not implemented).", e.Message);
    }

    [Fact]
    public async Task NoBios_CacheBiosSettings_SucceedsWithNothing()
    {
        Assert.Empty(await new NoBios().CacheBiosSettingsAsync(task, default));
    }

    [Fact]
    public async Task NoopManagement_AcceptsAndIgnoresSupportedDevices_AndAlwaysReportsPersistentPxe()
    {
        var management = new NoopManagement();
        await management.ValidateAsync(task, default);

        Assert.Equal([BootDevice.Pxe, BootDevice.Disk], management.GetSupportedBootDevices(task));
        await management.SetBootDeviceAsync(task, BootDevice.Disk, persistent: false, default);

        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, true), await management.GetBootDeviceAsync(task, default));
        Assert.Empty(task.Node.DriverInternalInfo);
        Assert.Equal(0, task.Saves);
    }

    [Fact]
    public async Task NoopManagement_UnsupportedDevice_ThrowsListingTheSupportedOnes()
    {
        var e = await Assert.ThrowsAsync<InvalidParameterValue>(
            () => new NoopManagement().SetBootDeviceAsync(task, BootDevice.Cdrom, false, default));

        Assert.Equal("Invalid boot device cdrom specified, supported are pxe, disk.", e.Message);
    }

    [Fact]
    public async Task NoopManagement_SensorsAndNmi_AreUnsupported()
    {
        var management = new NoopManagement();

        var sensors = await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => management.GetSensorsDataAsync(task, default));
        await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => management.InjectNmiAsync(task, default));
        Assert.Equal("Driver manual-management does not support get_sensors_data (disabled or not implemented).", sensors.Message);
    }

    [Fact]
    public async Task NoopStorage_FlatAndNoopNetwork_ValidateAndDoNothing()
    {
        var storage = new NoopStorage();
        await storage.ValidateAsync(task, default);
        await storage.AttachVolumesAsync(task, default);
        await storage.DetachVolumesAsync(task, default);

        foreach (NetworkInterface network in new NetworkInterface[] { new FlatNetwork(), new NoopNetwork() })
        {
            await network.ValidateAsync(task, default);
            await network.ConfigureTenantNetworksAsync(task, default);
            await network.UnconfigureTenantNetworksAsync(task, default);
        }

        Assert.Equal(0, task.Saves);
        Assert.Empty(task.Node.DriverInternalInfo);
    }

    [Fact]
    public void NoOpInterfaces_DeclareNoSteps()
    {
        BaseInterface[] noOps = [new NoBios(), new NoConsole(), new NoInspect(), new NoRaid(), new NoRescue(), new NoVendor(),
            new NoopStorage(), new NoopManagement(), new NoopNetwork(), new FlatNetwork()];

        Assert.All(noOps, i => Assert.Empty(i.GetCleanSteps(task)));
        Assert.All(noOps, i => Assert.Empty(i.GetDeploySteps(task)));
    }
}
