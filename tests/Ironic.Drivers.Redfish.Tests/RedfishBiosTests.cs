using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish.Tests;

public sealed class RedfishBiosTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly RedfishTestDriver driver = new(("conductor.power_state_change_timeout", "2"));

    [Fact]
    public async Task ApplyConfiguration_PatchesTheSettingsObject_RebootsAndFindsThemApplied()
    {
        var system = fixture.NextSystem();
        system.PowerState = "On";
        var task = driver.Task(fixture.Emulator, system);
        fixture.Emulator.ClearRequests();

        var outcome = await driver.Bios.ApplyConfigurationAsync(task, Settings(("ProcTurboMode", "Disabled"), ("NumCores", 4)), default);

        Assert.Equal(StepOutcome.Done, outcome);
        var patch = Assert.Single(fixture.Emulator.Requests, r => r.Method == "PATCH");
        Assert.Equal(system.Path + "/Bios/Settings", patch.Path);
        Assert.Contains("\"@Redfish.SettingsApplyTime\":{\"ApplyTime\":\"OnReset\"}", patch.Body);
        Assert.Equal("Disabled", system.BiosAttributes["ProcTurboMode"]);
        Assert.Equal(4, system.BiosAttributes["NumCores"]);
        Assert.Equal(1, system.Boots);
        Assert.Equal(PowerState.On, task.Node.PowerState);
    }

    [Fact]
    public async Task ApplyConfiguration_WhenTheBmcNeverAppliesAnAttribute_FailsNamingIt()
    {
        var system = fixture.NextSystem();
        system.StickyBiosAttributes.Add("EmbeddedSata");
        var task = driver.Task(fixture.Emulator, system);

        var error = await Assert.ThrowsAsync<RedfishError>(() =>
            driver.Bios.ApplyConfigurationAsync(task, Settings(("EmbeddedSata", "Ahci"), ("ProcTurboMode", "Disabled")), default));

        Assert.Contains($"Redfish BIOS apply_configuration step failed for node {task.Node.Uuid}", error.Message);
        Assert.Contains("EmbeddedSata", error.Message);
        Assert.DoesNotContain("ProcTurboMode", error.Message);
    }

    [Fact]
    public async Task ApplyConfiguration_OfAnUnknownAttribute_ReportsTheBmcsMessage()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system);

        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Bios.ApplyConfigurationAsync(task, Settings(("NoSuchThing", "x")), default));

        Assert.Contains("NoSuchThing is not a known BIOS attribute", error.Message);
        Assert.Equal(0, system.Boots);
    }

    [Fact]
    public async Task ApplyConfigurationStep_WithoutSettings_IsAMissingParameter()
    {
        var task = driver.Task(fixture.Emulator, fixture.NextSystem());
        var step = Assert.Single(driver.Bios.GetCleanSteps(task), s => s.Step == "apply_configuration");

        await Assert.ThrowsAsync<MissingParameterValue>(() => driver.Bios.ExecuteCleanStepAsync(task, step, [], default));
        await Assert.ThrowsAsync<InvalidParameterValue>(() =>
            driver.Bios.ExecuteCleanStepAsync(task, step, new JsonObject { ["settings"] = new JsonArray(new JsonObject { ["value"] = 1 }) }, default));
    }

    [Fact]
    public void ApplyConfigurationAndFactoryReset_AreManualCleanStepsAndDeploySteps()
    {
        var task = driver.Task(fixture.Emulator, null);

        foreach (var steps in new[] { driver.Bios.GetCleanSteps(task), driver.Bios.GetDeploySteps(task) })
        {
            Assert.Equal(["apply_configuration", "factory_reset"], steps.Select(s => s.Step).Order());
            Assert.All(steps, s => Assert.Equal((InterfaceKind.Bios, 0), (s.Interface, s.Priority)));
            var settings = steps.Single(s => s.Step == "apply_configuration").ArgsInfo!["settings"]!;
            Assert.True(settings["required"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FactoryReset_BringsTheDefaultsBackAtTheNextBoot(bool asyncJob)
    {
        await using var emulator = await Testing.Redfish.RedfishEmulator.StartAsync();
        emulator.AsyncBiosJobs = asyncJob;
        var system = emulator.Systems[0];
        system.BiosAttributes["ProcTurboMode"] = "Disabled";
        var task = driver.Task(emulator, system);

        await driver.Bios.FactoryResetAsync(task, default);

        Assert.Equal("Enabled", system.BiosAttributes["ProcTurboMode"]);
        Assert.Equal(1, system.Boots);
        // With a job the BMC answered 202 and the task monitor was polled until it completed.
        Assert.Equal(asyncJob, emulator.Requests.Any(r => r.Path.StartsWith("/redfish/v1/TaskService/TaskMonitors/", StringComparison.Ordinal) && r.Status == 200));
    }

    [Fact]
    public async Task FactoryReset_WhoseBmcJobFails_FailsWithTheJobsMessage_AndDoesNotReboot()
    {
        await using var emulator = await Testing.Redfish.RedfishEmulator.StartAsync();
        emulator.AsyncBiosJobs = true;
        emulator.FailTasks = true;
        var task = driver.Task(emulator, emulator.Systems[0]);

        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Bios.FactoryResetAsync(task, default));

        Assert.Contains("Redfish BIOS factory reset failed for node " + task.Node.Uuid, error.Message);
        Assert.Contains("ended Exception: The BIOS job failed.", error.Message);
        Assert.Equal(0, emulator.Systems[0].Boots);
    }

    [Fact]
    public async Task CacheBiosSettings_ListsTheAttributes_WithTheirRegistryFields()
    {
        var system = fixture.NextSystem();
        var task = driver.Task(fixture.Emulator, system, shared: true);

        var settings = await driver.Bios.CacheBiosSettingsAsync(task, default);

        Assert.Equal(system.BiosAttributes.Keys.Order(), settings.Select(s => s!["name"]!.ToString()).Order());
        var turbo = settings.Single(s => s!["name"]!.ToString() == "ProcTurboMode")!;
        Assert.Equal("Enabled", turbo["value"]!.ToString());
        Assert.Equal("Enumeration", turbo["attribute_type"]!.ToString());
        Assert.Equal(["Enabled", "Disabled"], turbo["allowable_values"]!.AsArray().Select(v => v!.ToString()));
        Assert.False(turbo["reset_required"]!.GetValue<bool>());
        var cores = settings.Single(s => s!["name"]!.ToString() == "NumCores")!;
        Assert.Equal((1, 64), (cores["lower_bound"]!.GetValue<int>(), cores["upper_bound"]!.GetValue<int>()));
        Assert.True(settings.Single(s => s!["name"]!.ToString() == "AdminPhone")!["unique"]!.GetValue<bool>());
        Assert.All(settings, s => Assert.Equal(11, s!.AsObject().Count));
    }

    [Fact]
    public async Task BiosOnASystemWithoutIt_IsUnsupported()
    {
        var system = fixture.NextSystem();
        system.HasBios = false;
        var task = driver.Task(fixture.Emulator, system);

        await Assert.ThrowsAsync<UnsupportedDriverExtension>(() => driver.Bios.CacheBiosSettingsAsync(task, default));
        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Bios.FactoryResetAsync(task, default));
        Assert.Contains("BIOS settings are not supported", error.Message);
    }

    private static JsonArray Settings(params (string Name, JsonNode Value)[] settings) =>
        [.. settings.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["value"] = s.Value })];
}
