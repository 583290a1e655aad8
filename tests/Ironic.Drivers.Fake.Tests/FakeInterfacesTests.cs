using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake.Tests;

public sealed class FakeInterfacesTests
{
    private readonly TestTaskContext task = new(FakeDrivers.FakeHardware());

    [Fact]
    public async Task Deploy_IsDoneAtOnce_AndTearDownEndsDeleted()
    {
        var deploy = new FakeDeploy();

        Assert.Equal(StepOutcome.Done, await deploy.DeployAsync(task, [], default));
        Assert.Equal("deleted", await deploy.TearDownAsync(task, default));
    }

    [Fact]
    public async Task Inspect_EndsManageable_AndRescueRoundTripsToActive()
    {
        var rescue = new FakeRescue();

        Assert.Equal(ProvisionState.Manageable, await new FakeInspect().InspectHardwareAsync(task, default));
        Assert.Equal("rescue", await rescue.RescueAsync(task, default));
        Assert.Equal(ProvisionState.Active, await rescue.UnrescueAsync(task, default));
    }

    [Fact]
    public async Task Console_StartAndStop_AreRecordedAndSaved_InfoIsEmptyAsInIronic()
    {
        var console = new FakeConsole();

        await console.StartConsoleAsync(task, default);
        Assert.True(task.Node.DriverInternalInfo[FakeConsole.ConsoleStartedKey]?.GetValue<bool>());
        Assert.Empty(await console.GetConsoleAsync(task, default));

        await console.StopConsoleAsync(task, default);
        Assert.False(task.Node.DriverInternalInfo[FakeConsole.ConsoleStartedKey]?.GetValue<bool>());
        Assert.Equal(2, task.Saves);
    }

    [Theory]
    [InlineData(true, true, new[] { "root", "data" })]
    [InlineData(true, false, new[] { "root" })]
    [InlineData(false, true, new[] { "data" })]
    public async Task Raid_Create_RecordsTheSelectedTargetDisks(bool root, bool nonRoot, string[] expected)
    {
        task.Node.TargetRaidConfig = (JsonObject)JsonNode.Parse("""
            {"logical_disks": [
              {"volume_name": "root", "size_gb": 100, "raid_level": "1", "is_root_volume": true},
              {"volume_name": "data", "size_gb": "MAX", "raid_level": "5"}]}
            """)!;

        var outcome = await new FakeRaid().CreateConfigurationAsync(task, root, nonRoot, default);

        Assert.Equal(StepOutcome.Done, outcome);
        var disks = task.Node.RaidConfig["logical_disks"]!.AsArray();
        Assert.Equal(expected, disks.Select(d => d!["volume_name"]!.GetValue<string>()));
        Assert.Equal(1, task.Saves);
    }

    [Fact]
    public async Task Raid_Delete_ClearsTheConfiguration()
    {
        task.Node.RaidConfig = new JsonObject { ["logical_disks"] = new JsonArray(new JsonObject { ["size_gb"] = 10 }) };

        Assert.Equal(StepOutcome.Done, await new FakeRaid().DeleteConfigurationAsync(task, default));

        Assert.Empty(task.Node.RaidConfig);
    }

    [Fact]
    public async Task Bios_ApplyMergesSettings_CacheReadsThem_FactoryResetClears()
    {
        var bios = new FakeBios();

        await bios.ApplyConfigurationAsync(task, Settings(("ProcVirtualization", "Enabled"), ("BootMode", "Uefi")), default);
        await bios.ApplyConfigurationAsync(task, Settings(("BootMode", "Bios")), default);
        var cached = await bios.CacheBiosSettingsAsync(task, default);

        Assert.Equal(
            ["ProcVirtualization=Enabled", "BootMode=Bios"],
            cached.Select(s => $"{s!["name"]}={s["value"]}"));

        await bios.FactoryResetAsync(task, default);
        Assert.Empty(await bios.CacheBiosSettingsAsync(task, default));
    }

    [Fact]
    public async Task Bios_ApplySettingWithoutName_ThrowsInvalidParameterValue()
    {
        var settings = new JsonArray(new JsonObject { ["value"] = "Enabled" });

        await Assert.ThrowsAsync<InvalidParameterValue>(() => new FakeBios().ApplyConfigurationAsync(task, settings, default));
        Assert.False(task.Node.DriverInternalInfo.ContainsKey(FakeBios.SettingsKey));
    }

    [Fact]
    public async Task BootStorageAndNetwork_ValidateAndOperationsAreNoOps()
    {
        var boot = new FakeBoot();
        var storage = new FakeStorage();

        await boot.ValidateAsync(task, default);
        await boot.PrepareInstanceAsync(task, default);
        await boot.CleanUpInstanceAsync(task, default);
        await storage.AttachVolumesAsync(task, default);
        await storage.DetachVolumesAsync(task, default);

        Assert.Equal(0, task.Saves);
    }

    private static JsonArray Settings(params (string Name, string Value)[] settings) =>
        [.. settings.Select(s => new JsonObject { ["name"] = s.Name, ["value"] = s.Value })];
}
