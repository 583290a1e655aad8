namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>The ipmitool power interface against real ipmi_sim BMCs; state read back from the simulator's files.</summary>
[Collection(DriverBmcsCollection.Name)]
public sealed class IpmitoolPowerTests(FourBmcs bmcs)
{
    private readonly IpmiTestDriver driver = new();

    [Fact]
    public async Task PowerOnThenOff_ChangesTheSimulatedChassis()
    {
        bmcs.SetChassis(0, power: "0");
        var task = bmcs.TaskFor(driver, 0);

        await driver.Power.SetPowerStateAsync(task, PowerState.On, TimeSpan.FromSeconds(10), default);
        Assert.Equal("1", bmcs.Chassis(0)["power"]);
        Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));

        await driver.Power.SetPowerStateAsync(task, PowerState.Off, TimeSpan.FromSeconds(10), default);
        Assert.Equal("0", bmcs.Chassis(0)["power"]);
        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
        Assert.Equal(["power 1", "power 0"], bmcs.Events(0).TakeLast(2));
    }

    [Fact]
    public async Task GetPowerState_FollowsAChangeMadeBehindTheDriversBack()
    {
        var task = bmcs.TaskFor(driver, 1);
        bmcs.SetChassis(1, power: "1");
        Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));
        bmcs.SetChassis(1, power: "0");
        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task Reboot_OfAPoweredOnNode_PowersOffThenOn()
    {
        bmcs.SetChassis(2, power: "1");
        var before = bmcs.Events(2).Count;
        var task = bmcs.TaskFor(driver, 2);

        await driver.Power.RebootAsync(task, TimeSpan.FromSeconds(10), default);

        Assert.Equal(["power 0", "power 1"], bmcs.Events(2).Skip(before));
        Assert.Equal("1", bmcs.Chassis(2)["power"]);
    }

    [Fact]
    public async Task Reboot_OfAPoweredOffNode_OnlyPowersOn()
    {
        bmcs.SetChassis(3, power: "0");
        var before = bmcs.Events(3).Count;
        var task = bmcs.TaskFor(driver, 3);

        await driver.Power.RebootAsync(task, TimeSpan.FromSeconds(10), default);

        Assert.Equal(["power 1"], bmcs.Events(3).Skip(before));
    }

    [Fact]
    public async Task SoftPowerOff_SendsAShutdownAndWaitsForOff()
    {
        bmcs.SetChassis(0, power: "1");
        var task = bmcs.TaskFor(driver, 0);

        await driver.Power.SetPowerStateAsync(task, PowerState.SoftPowerOff, TimeSpan.FromSeconds(10), default);

        Assert.Equal("shutdown 1", bmcs.Events(0)[^1]);
        Assert.Equal("0", bmcs.Chassis(0)["power"]);
    }

    [Fact]
    public async Task SoftReboot_ShutsDownThenPowersOn()
    {
        bmcs.SetChassis(1, power: "1");
        var before = bmcs.Events(1).Count;
        var task = bmcs.TaskFor(driver, 1);

        await driver.Power.SetPowerStateAsync(task, PowerState.SoftRebooting, TimeSpan.FromSeconds(10), default);

        Assert.Equal(["shutdown 1", "power 1"], bmcs.Events(1).Skip(before));
    }

    [Fact]
    public async Task PowerOn_ThatTheBmcKeepsRefusing_IsRetriedWithinTheRetryTimeout_ThenFails()
    {
        // A directory where the chassis hook writes its new state makes the simulated BMC answer
        // "Unspecified error" to every power change (root ignores file modes, not this).
        bmcs.SetChassis(2, power: "0");
        var before = bmcs.Events(2).Count;
        var blocker = Directory.CreateDirectory(Path.Combine(bmcs.NodeDir(2), "chassis.tmp"));
        try
        {
            var task = bmcs.TaskFor(driver, 2);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var e = await Assert.ThrowsAsync<IpmiFailure>(() => driver.Power.SetPowerStateAsync(task, PowerState.On, TimeSpan.FromSeconds(10), default));

            Assert.StartsWith("IPMI call failed: power on.", e.Message);
            Assert.Contains("Unspecified error", e.Message);
            Assert.Equal(500, e.Code);
            // [ipmi] command_retry_timeout is 1 s here: more than one attempt, and not much more than 1 s.
            Assert.True(bmcs.Events(2).Skip(before).Count(x => x == "power 1") > 1);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
        }
        finally
        {
            blocker.Delete();
        }
    }

    [Fact]
    public void SupportedPowerStates_AreIronics()
    {
        var task = bmcs.TaskFor(driver, 0);
        Assert.Equal(
            [PowerState.On, PowerState.Off, PowerState.Rebooting, PowerState.SoftRebooting, PowerState.SoftPowerOff],
            driver.Power.GetSupportedPowerStates(task));
    }
}
