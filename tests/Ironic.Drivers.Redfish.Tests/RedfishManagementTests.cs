namespace Ironic.Drivers.Redfish.Tests;

public sealed class RedfishManagementTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly RedfishTestDriver driver = new();

    [Fact]
    public async Task OneTimeBootDevice_IsUsedByTheNextBootOnly()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        await driver.Management.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: false, default);
        Assert.Equal(("Pxe", "Once"), (system.BootTarget, system.BootEnabled));
        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, false), await driver.Management.GetBootDeviceAsync(task, default));

        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);
        Assert.Equal("Pxe", system.LastBootTarget);
        await driver.Power.RebootAsync(task, null, default);
        Assert.Null(system.LastBootTarget);
        Assert.Equal(new BootDeviceInfo(null, null), await driver.Management.GetBootDeviceAsync(task, default));
    }

    [Fact]
    public async Task PersistentBootDevice_IsContinuous_AndSurvivesBoots()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        await driver.Management.SetBootDeviceAsync(task, BootDevice.Disk, persistent: true, default);
        await driver.Power.RebootAsync(task, null, default);
        await driver.Power.RebootAsync(task, null, default);

        Assert.Equal(("Hdd", "Continuous", "Hdd"), (system.BootTarget, system.BootEnabled, system.LastBootTarget));
        Assert.Equal(new BootDeviceInfo(BootDevice.Disk, true), await driver.Management.GetBootDeviceAsync(task, default));
    }

    [Fact]
    public async Task BootOverrideEnabled_IsOnlySentWhenItChanges()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);
        await driver.Management.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: true, default);
        fixture.Emulator.ClearRequests();

        await driver.Management.SetBootDeviceAsync(task, BootDevice.Cdrom, persistent: true, default);

        var patch = Assert.Single(fixture.Emulator.Requests, r => r.Method == "PATCH" && r.Path == system.Path);
        Assert.Equal("""{"Boot":{"BootSourceOverrideTarget":"Cd"}}""", patch.Body);
        Assert.Equal(("Cd", "Continuous"), (system.BootTarget, system.BootEnabled));
    }

    [Fact]
    public async Task PersistentBootDevice_WhenContinuousIsRefused_FallsBackToOnce_AndIsSetAgainBeforeEachPowerOn()
    {
        var system = fixture.NextSystem();
        system.RejectContinuous = true;
        var task = driver.Task(fixture.Emulator, system);

        await driver.Management.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: true, default);
        Assert.Equal(("Pxe", "Once"), (system.BootTarget, system.BootEnabled));
        Assert.Equal("pxe", task.Node.DriverInternalInfo[RedfishManagement.RestoreDeviceKey]?.ToString());

        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);
        await driver.Power.RebootAsync(task, null, default);

        Assert.Equal(2, system.Boots);
        Assert.Equal("Pxe", system.LastBootTarget);

        // Setting a device again forgets the fallback.
        await driver.Management.SetBootDeviceAsync(task, BootDevice.Disk, persistent: false, default);
        Assert.False(task.Node.DriverInternalInfo.ContainsKey(RedfishManagement.RestoreDeviceKey));
    }

    [Fact]
    public async Task BootDeviceTheBmcDoesNotList_IsRefusedWithoutAPatch()
    {
        var system = fixture.NextSystem();
        system.AllowedBootTargets = ["None", "Pxe", "Hdd"];
        var task = driver.Task(fixture.Emulator, system);
        fixture.Emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Management.SetBootDeviceAsync(task, BootDevice.Cdrom, false, default));

        Assert.Contains("Redfish set boot device failed for node " + task.Node.Uuid, error.Message);
        Assert.DoesNotContain(fixture.Emulator.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task SupportedBootDevicesAndModes_AreIronics() =>
        await Task.Run(() =>
        {
            var task = driver.Task(fixture.Emulator, null);
            Assert.Equal([BootDevice.Pxe, BootDevice.Disk, BootDevice.Cdrom, BootDevice.Bios], driver.Management.GetSupportedBootDevices(task));
            Assert.Equal([BootMode.Uefi, BootMode.Bios], driver.Management.GetSupportedBootModes(task));
        });

    [Fact]
    public async Task BootMode_RoundTrips()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        Assert.Equal(BootMode.Uefi, await driver.Management.GetBootModeAsync(task, default));
        await driver.Management.SetBootModeAsync(task, BootMode.Bios, default);

        Assert.Equal("Legacy", system.BootMode);
        Assert.Equal(BootMode.Bios, await driver.Management.GetBootModeAsync(task, default));
    }

    [Fact]
    public async Task SetBootMode_OnASystemWithoutABootModeOverride_IsUnsupported()
    {
        var system = fixture.NextSystem();
        system.BootMode = null;
        var task = driver.Task(fixture.Emulator, system);

        Assert.Null(await driver.Management.GetBootModeAsync(task, default));
        await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => driver.Management.SetBootModeAsync(task, BootMode.Uefi, default));
    }

    [Fact]
    public async Task SecureBoot_RoundTrips_AndNeedsUefi()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        Assert.False(await driver.Management.GetSecureBootStateAsync(task, default));
        await driver.Management.SetSecureBootStateAsync(task, true, default);
        Assert.True(system.SecureBootEnabled);
        Assert.True(await driver.Management.GetSecureBootStateAsync(task, default));

        system.BootMode = "Legacy";
        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Management.SetSecureBootStateAsync(task, false, default));
        Assert.Contains("requires UEFI", error.Message);
    }

    [Fact]
    public async Task SecureBoot_OnASystemWithoutIt_IsUnsupported()
    {
        var system = fixture.NextSystem();
        system.SecureBootEnabled = null;
        var task = driver.Task(fixture.Emulator, system);

        await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => driver.Management.GetSecureBootStateAsync(task, default));
        await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => driver.Management.SetSecureBootStateAsync(task, true, default));
    }

    [Fact]
    public async Task InjectNmi_ReachesARunningSystem_AndFailsOnAnOffOne()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Management.InjectNmiAsync(task, default));
        Assert.Contains("Redfish inject NMI failed", error.Message);
        Assert.Contains("HTTP 409", error.Message);

        system.PowerState = "On";
        await driver.Management.InjectNmiAsync(task, default);
        Assert.Equal(1, system.NmiCount);
    }

    [Fact]
    public async Task SensorsData_ComeFromTheChassisAndStorage_InIronicsShape()
    {
        var system = fixture.NextSystem();
        system.PowerState = "On";
        var task = driver.Task(fixture.Emulator, system, shared: true);

        var sensors = await driver.Management.GetSensorsDataAsync(task, default);

        var fan = sensors["Fan"]![$"0@{system.Id}"]!;
        Assert.Equal(6000, fan["reading"]!.GetValue<int>());
        Assert.Equal("RPM", fan["reading_units"]!.ToString());
        Assert.Equal("Enabled", fan["state"]!.ToString());
        Assert.Equal(45, sensors["Temperature"]![$"0@{system.Id}"]!["reading_celsius"]!.GetValue<int>());
        Assert.Equal(800, sensors["Power"]![$"0:Power@{system.Id}"]!["power_capacity_watts"]!.GetValue<int>());
        Assert.Equal(480_103_981_056, sensors["Drive"]![$"Disk1:1@{system.Id}"]!["capacity_bytes"]!.GetValue<long>());
    }
}
