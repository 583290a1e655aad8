namespace Ironic.Drivers.Redfish.Tests;

public sealed class RedfishPowerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly RedfishTestDriver driver = new();

    [Fact]
    public async Task PowerOn_TurnsTheSystemOn_AndReadsBackPowerOn()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);

        Assert.Equal("On", system.PowerState);
        Assert.Equal("On", system.LastResetType);
        Assert.Equal(1, system.Boots);
        Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task PowerOff_ForcesTheSystemOff()
    {
        var system = fixture.NextSystem();
        system.PowerState = "On";
        var task = driver.Task(fixture.Emulator, system);

        await driver.Power.SetPowerStateAsync(task, PowerState.Off, null, default);

        Assert.Equal("Off", system.PowerState);
        Assert.Equal("ForceOff", system.LastResetType);
    }

    [Theory]
    [InlineData(PowerState.SoftPowerOff, "GracefulShutdown", "Off")]
    [InlineData(PowerState.SoftRebooting, "GracefulRestart", "On")]
    public async Task SoftPowerActions_UseTheGracefulResetTypes(string request, string resetType, string final)
    {
        var system = fixture.NextSystem();
        system.PowerState = "On";
        var task = driver.Task(fixture.Emulator, system);

        await driver.Power.SetPowerStateAsync(task, request, null, default);

        Assert.Equal(resetType, system.LastResetType);
        Assert.Equal(final, system.PowerState);
    }

    [Fact]
    public async Task Reboot_OfARunningSystem_ForcesItOffThenOn()
    {
        var system = fixture.NextSystem();
        system.PowerState = "On";
        var task = driver.Task(fixture.Emulator, system);
        fixture.Emulator.ClearRequests();

        await driver.Power.RebootAsync(task, null, default);

        var resets = fixture.Emulator.Requests.Where(r => r.Path == system.Path + "/Actions/ComputerSystem.Reset").Select(r => r.Body).ToList();
        Assert.Equal(2, resets.Count);
        Assert.Contains("ForceOff", resets[0]);
        Assert.Contains("\"On\"", resets[1]);
        Assert.Equal("On", system.PowerState);
        Assert.Equal(1, system.Boots);
    }

    [Fact]
    public async Task Reboot_OfAPoweredOffSystem_PowersItOn()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        await driver.Power.RebootAsync(task, null, default);

        Assert.Equal("On", system.PowerState);
        Assert.Equal("On", system.LastResetType);
    }

    [Fact]
    public async Task GetPowerState_FollowsChangesMadeBehindTheBmcsBack()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system, shared: true);

        system.PowerState = "PoweringOn";
        Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));
        system.PowerState = "PoweringOff";
        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
        system.PowerState = "Paused";
        Assert.Equal(PowerState.Error, await driver.Power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task SetPowerState_WaitsUntilASlowBmcShowsTheNewState()
    {
        var system = fixture.NextSystem();
        system.LagGets = 3;
        var task = driver.Task(fixture.Emulator, system);

        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);

        Assert.Equal("On", system.PowerState);
    }

    [Fact]
    public async Task SetPowerState_WhenTheSystemNeverGetsThere_FailsAfterTheTimeout()
    {
        var system = fixture.NextSystem();
        system.LagGets = 1_000_000;
        var task = driver.Task(fixture.Emulator, system);

        var error = await Assert.ThrowsAsync<PowerStateFailure>(() => driver.Power.SetPowerStateAsync(task, PowerState.On, TimeSpan.FromMilliseconds(400), default));

        Assert.Contains("power on", error.Message);
    }

    [Fact]
    public void SupportedPowerStates_IncludeSoftActions() =>
        Assert.Equal(
            [PowerState.On, PowerState.Off, PowerState.Rebooting, PowerState.SoftRebooting, PowerState.SoftPowerOff],
            driver.Power.GetSupportedPowerStates(driver.Task(fixture.Emulator, null)));
}
