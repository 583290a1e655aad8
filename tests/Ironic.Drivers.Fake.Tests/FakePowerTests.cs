namespace Ironic.Drivers.Fake.Tests;

public sealed class FakePowerTests
{
    private readonly TestTaskContext task = new(FakeDrivers.FakeHardware());
    private readonly FakePower power = new();

    [Fact]
    public async Task GetPowerState_OnNodeNeverPowered_IsPowerOff()
    {
        Assert.Null(task.Node.PowerState);
        Assert.Equal(PowerState.Off, await power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task SetPowerState_On_IsReadBackByGet()
    {
        await power.SetPowerStateAsync(task, PowerState.On, null, default);

        Assert.Equal(PowerState.On, await power.GetPowerStateAsync(task, default));
        Assert.Equal(PowerState.On, task.Node.PowerState);
    }

    [Theory]
    [InlineData(PowerState.Rebooting, PowerState.Off, PowerState.On)]
    [InlineData(PowerState.SoftRebooting, PowerState.Off, PowerState.On)]
    [InlineData(PowerState.SoftPowerOff, PowerState.On, PowerState.Off)]
    [InlineData(PowerState.Off, PowerState.On, PowerState.Off)]
    public async Task SetPowerState_TransitionalRequest_RecordsTheStateItSettlesIn(string requested, string before, string expected)
    {
        task.Node.PowerState = before;

        await power.SetPowerStateAsync(task, requested, TimeSpan.FromSeconds(5), default);

        Assert.Equal(expected, await power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task Reboot_PoweredOffNode_EndsPoweredOn()
    {
        task.Node.PowerState = PowerState.Off;

        await power.RebootAsync(task, null, default);

        Assert.Equal(PowerState.On, task.Node.PowerState);
    }

    [Theory]
    [InlineData("power cycle")]
    [InlineData(PowerState.Error)]
    [InlineData("")]
    public async Task SetPowerState_UnknownState_ThrowsInvalidParameterValueAndKeepsState(string requested)
    {
        task.Node.PowerState = PowerState.On;

        var e = await Assert.ThrowsAsync<InvalidParameterValue>(() => power.SetPowerStateAsync(task, requested, null, default));

        Assert.Equal($"set_power_state called with an invalid power state: {requested}.", e.Message);
        Assert.Equal(400, e.Code);
        Assert.Equal(PowerState.On, task.Node.PowerState);
    }

    [Fact]
    public async Task SupportedPowerStates_AreAllAcceptedBySet()
    {
        var supported = power.GetSupportedPowerStates(task);

        Assert.Equal(5, supported.Count);
        foreach (var state in supported)
        {
            await power.SetPowerStateAsync(task, state, null, default);
        }
    }
}
