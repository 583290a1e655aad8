namespace Ironic.Drivers.Fake.Tests;

public sealed class FakeManagementTests
{
    private readonly TestTaskContext task = new(FakeDrivers.FakeHardware());
    private readonly FakeManagement management = new();

    [Fact]
    public async Task GetBootDevice_NeverSet_IsPxeNotPersistent()
    {
        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, false), await management.GetBootDeviceAsync(task, default));
    }

    [Fact]
    public async Task SetBootDevice_Persistent_IsRememberedAndSaved()
    {
        await management.SetBootDeviceAsync(task, BootDevice.Pxe, persistent: true, default);

        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, true), await management.GetBootDeviceAsync(task, default));
        Assert.Equal(1, task.Saves);
        Assert.Equal(BootDevice.Pxe, task.Node.DriverInternalInfo[FakeManagement.BootDeviceKey]?.GetValue<string>());
    }

    [Fact]
    public async Task GetBootDevice_UnderSharedLock_ReadsWhatWasStored()
    {
        var writer = new TestTaskContext(FakeDrivers.FakeHardware());
        await management.SetBootDeviceAsync(writer, BootDevice.Pxe, persistent: true, default);
        var reader = new TestTaskContext((TestDriver)writer.Driver, writer.Node, shared: true);

        Assert.Equal(new BootDeviceInfo(BootDevice.Pxe, true), await management.GetBootDeviceAsync(reader, default));
    }

    [Theory]
    [InlineData(BootDevice.Disk)]
    [InlineData(BootDevice.Cdrom)]
    [InlineData("usb-stick")]
    public async Task SetBootDevice_Unsupported_ThrowsNamingTheDeviceAndChangesNothing(string device)
    {
        Assert.DoesNotContain(device, management.GetSupportedBootDevices(task));

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => management.SetBootDeviceAsync(task, device, false, default));

        Assert.Equal($"Invalid boot device {device} specified.", e.Message);
        Assert.Equal(0, task.Saves);
        Assert.False(task.Node.DriverInternalInfo.ContainsKey(FakeManagement.BootDeviceKey));
    }

    [Fact]
    public async Task GetSensorsData_IsGroupedByTypeThenSensorWithReadings()
    {
        var data = await management.GetSensorsDataAsync(task, default);

        Assert.Contains("Temperature", data.Select(kv => kv.Key));
        foreach (var (type, sensors) in data)
        {
            var group = Assert.IsType<System.Text.Json.Nodes.JsonObject>(sensors);
            Assert.NotEmpty(group);
            foreach (var (id, sensor) in group)
            {
                Assert.Equal(id, sensor?["Sensor ID"]?.GetValue<string>());
                Assert.False(string.IsNullOrEmpty(sensor?["Sensor Reading"]?.GetValue<string>()), $"{type}/{id} has no reading");
            }
        }
    }

    [Fact]
    public async Task GetSensorsData_ReturnsAFreshObjectEachCall()
    {
        var first = await management.GetSensorsDataAsync(task, default);
        first.Remove("Temperature");

        Assert.True((await management.GetSensorsDataAsync(task, default)).ContainsKey("Temperature"));
    }

    [Fact]
    public async Task InjectNmi_Succeeds()
    {
        await management.InjectNmiAsync(task, default);
    }
}
