using System.Text.Json.Nodes;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>The vendor methods send_raw and bmc_reset: metadata as Ironic's, calls against ipmi_sim.</summary>
[Collection(DriverBmcsCollection.Name)]
public sealed class IpmitoolVendorTests(FourBmcs bmcs)
{
    private readonly IpmiTestDriver driver = new();

    private IpmitoolVendor Vendor => (IpmitoolVendor)driver.Vendor;

    [Fact]
    public void Methods_ArePostOnly_Synchronous_Exclusive()
    {
        var methods = driver.Vendor.Methods;
        foreach (var name in new[] { "send_raw", "bmc_reset" })
        {
            var m = methods.NodeMethods[name];
            Assert.Equal(["POST"], m.HttpMethods);
            Assert.False(m.Async);
            Assert.True(m.RequireExclusiveLock);
        }

        Assert.Empty(methods.DriverMethods);
    }

    [Fact]
    public async Task SendRaw_GetDeviceId_ReachesTheBmc()
    {
        var task = bmcs.TaskFor(driver, 0);
        var args = new JsonObject { ["raw_bytes"] = "0x06 0x01" };

        await driver.Vendor.ValidateAsync(task, "send_raw", args, default);
        var result = await Vendor.SendRaw(task, "POST", args, default);

        // Get Device ID answers with the device id first: node.emu's mc_add gives 0x01.
        Assert.Equal("0x06 0x01", (string?)result["raw_bytes"]);
        Assert.StartsWith("01 ", (string?)result["response"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRaw_SetsTheBootDevice_AsTheBmcRecordsIt()
    {
        bmcs.SetChassis(1, power: "0", boot: "none");
        var task = bmcs.TaskFor(driver, 1);

        // Set System Boot Options, parameter 5: one-time boot from CD/DVD.
        await Vendor.SendRaw(task, "POST", new JsonObject { ["raw_bytes"] = "0x00 0x08 0x05 0x80 0x14 0x00 0x00 0x00" }, default);

        Assert.Equal("cdrom", bmcs.Chassis(1)["boot"]);
    }

    [Theory]
    [InlineData(null, typeof(MissingParameterValue), "Parameter raw_bytes (string of bytes) was not specified.")]
    [InlineData("", typeof(MissingParameterValue), "Parameter raw_bytes (string of bytes) was not specified.")]
    [InlineData("0x06", typeof(InvalidParameterValue), "Invalid raw_bytes '0x06'")]
    [InlineData("0x06 -f /etc/shadow", typeof(InvalidParameterValue), "Invalid raw_bytes")]
    public async Task SendRaw_Validation_RefusesMissingOrMalformedBytes(string? raw, Type error, string message)
    {
        var task = bmcs.TaskFor(driver, 0);
        var args = raw is null ? new JsonObject() : new JsonObject { ["raw_bytes"] = raw };

        var e = await Assert.ThrowsAnyAsync<IronicException>(() => driver.Vendor.ValidateAsync(task, "send_raw", args, default));

        Assert.IsType(error, e);
        Assert.StartsWith(message, e.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("True")]
    [InlineData(true)]
    public async Task BmcReset_WarmByDefault_ReachesTheBmc_WhichRefusesAWarmReset(object? warm)
    {
        var task = bmcs.TaskFor(driver, 2);
        var args = new JsonObject();
        if (warm is not null)
        {
            args["warm"] = JsonValue.Create(warm);
        }

        await driver.Vendor.ValidateAsync(task, "bmc_reset", args, default);
        // ipmi_sim implements Cold Reset only: a warm one reaches it and is refused by name.
        var e = await Assert.ThrowsAsync<IpmiFailure>(() => Vendor.BmcReset(task, "POST", args, default));

        Assert.StartsWith("IPMI call failed: bmc reset warm.", e.Message);
        Assert.Contains("Invalid command", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData("false")]
    [InlineData("False")]
    public async Task BmcReset_Cold_IsAcceptedByTheBmc_WhichKeepsAnswering(object warm)
    {
        var task = bmcs.TaskFor(driver, 2);

        await Vendor.BmcReset(task, "POST", new JsonObject { ["warm"] = JsonValue.Create(warm) }, default);

        bmcs.SetChassis(2, power: "1");
        Assert.Equal(PowerState.On, await driver.Power.GetPowerStateAsync(task, default));
    }
}
