using System.Text.Json.Nodes;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>Boot device, sensors and NMI through the ipmitool management interface against ipmi_sim.</summary>
[Collection(DriverBmcsCollection.Name)]
public sealed class IpmitoolManagementTests(FourBmcs bmcs)
{
    private readonly IpmiTestDriver driver = new();

    private static void Bios(Ironic.Drivers.Objects.Node node) => node.Properties["capabilities"] = "boot_mode:bios";

    [Theory]
    [InlineData(BootDevice.Pxe, "pxe")]
    [InlineData(BootDevice.Disk, "default")]
    [InlineData(BootDevice.Cdrom, "cdrom")]
    [InlineData(BootDevice.Bios, "bios")]
    public async Task SetBootDevice_InBiosMode_SetsTheBmcsDevice_AndReadsItBack(string device, string simulatorValue)
    {
        var task = bmcs.TaskFor(driver, 0, Bios);

        await driver.Management.SetBootDeviceAsync(task, device, persistent: false, default);

        Assert.Equal(simulatorValue, bmcs.Chassis(0)["boot"]);
        // ipmi_sim does not keep the persistence flag, so it always reports a one-time setting.
        Assert.Equal(new BootDeviceInfo(device, false), await driver.Management.GetBootDeviceAsync(task, default));
    }

    [Fact]
    public async Task SetBootDevice_InUefiMode_SendsTheRawEfiBootFlags()
    {
        // [deploy] default_boot_mode is uefi, as in Ironic: no capability needed.
        bmcs.SetChassis(1, power: "0", boot: "none");
        var task = bmcs.TaskFor(driver, 1);

        await driver.Management.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: true, default);

        Assert.Equal("pxe", bmcs.Chassis(1)["boot"]);
        Assert.Equal(BootDevice.Pxe, (await driver.Management.GetBootDeviceAsync(task, default)).BootDevice);
    }

    [Fact]
    public async Task SetBootDevice_Unsupported_IsRefusedWithIronicsMessage()
    {
        var task = bmcs.TaskFor(driver, 0);
        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => driver.Management.SetBootDeviceAsync(task, BootDevice.Floppy, false, default));
        Assert.Equal("Invalid boot device floppy specified.", e.Message);
    }

    [Fact]
    public void SupportedBootDevices_AreIronics()
    {
        var task = bmcs.TaskFor(driver, 0);
        Assert.Equal([BootDevice.Pxe, BootDevice.Disk, BootDevice.Cdrom, BootDevice.Bios, BootDevice.Safe], driver.Management.GetSupportedBootDevices(task));
    }

    [Fact]
    public async Task ForceBootDevice_RemembersAPersistentDevice_AndSetsItAgainBeforePowerOn()
    {
        bmcs.SetChassis(2, power: "0", boot: "none");
        var task = bmcs.TaskFor(driver, 2, node =>
        {
            Bios(node);
            node.DriverInfo["ipmi_force_boot_device"] = "True";
        });

        await driver.Management.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: true, default);
        Assert.Equal("pxe", task.Node.DriverInternalInfo["persistent_boot_device"]!.GetValue<string>());
        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, true), await driver.Management.GetBootDeviceAsync(task, default));

        // The BMC "forgets" (as the ones this option exists for do); powering on sets the device again.
        bmcs.SetChassis(2, power: "0", boot: "none");
        await driver.Power.SetPowerStateAsync(task, PowerState.On, TimeSpan.FromSeconds(10), default);

        Assert.Equal("pxe", bmcs.Chassis(2)["boot"]);
        Assert.Equal(["boot pxe", "power 1"], bmcs.Events(2).TakeLast(2));
    }

    [Fact]
    public async Task Sensors_AreParsedIntoIronicsFormat()
    {
        var task = bmcs.TaskFor(driver, 3);

        var sensors = await driver.Management.GetSensorsDataAsync(task, default);

        Assert.Equal(["Temperature", "Fan", "Voltage"], sensors.Select(s => s.Key));
        var cpu = sensors["Temperature"]!["CPU Temp (0x1)"]!.AsObject();
        Assert.Equal("CPU Temp (0x1)", (string?)cpu["Sensor ID"]);
        Assert.Equal("45 (+/- 0) degrees C", (string?)cpu["Sensor Reading"]);
        Assert.Equal("Temperature (0x01)", (string?)cpu["Sensor Type (Threshold)"]);
        Assert.Equal("ok", (string?)cpu["Status"]);
        Assert.Equal("4800 (+/- 0) RPM", (string?)sensors["Fan"]!["Fan1 (0x3)"]!["Sensor Reading"]);
        Assert.Equal("12 (+/- 0) Volts", (string?)sensors["Voltage"]!["12V Rail (0x4)"]!["Sensor Reading"]);
        Assert.Equal("24 (+/- 0) degrees C", (string?)sensors["Temperature"]!["Inlet Temp (0x2)"]!["Sensor Reading"]);
    }

    [Fact]
    public async Task InjectNmi_WhichIpmiSimRefuses_FailsNamingPowerDiag()
    {
        var task = bmcs.TaskFor(driver, 3);
        var e = await Assert.ThrowsAsync<IpmiFailure>(() => driver.Management.InjectNmiAsync(task, default));
        Assert.StartsWith("IPMI call failed: power diag.", e.Message);
        Assert.Contains("Invalid data field", e.Message);
    }

    [Fact]
    public async Task BootMode_IsNotOffered_AsInIronic()
    {
        var task = bmcs.TaskFor(driver, 0);
        await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => driver.Management.GetBootModeAsync(task, default));
    }
}
