using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake.Tests;

public sealed class StepTests
{
    private readonly TestTaskContext task = new(FakeDrivers.FakeHardware());
    private readonly FakePower power = new();

    [Fact]
    public void FakePower_CleanSteps_AreDeclaredWithTheirPriorityAndAbortability()
    {
        var steps = power.GetCleanSteps(task).ToDictionary(s => s.Step);

        Assert.Equal(
            ["fake_abortable_wait", "fake_fail", "fake_slow", "fake_sync", "fake_wait", "fake_with_args"],
            steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(steps.Values, s => Assert.Equal(InterfaceKind.Power, s.Interface));
        Assert.All(steps.Values, s => Assert.False(s.RequiresRamdisk));
        Assert.Equal(10, steps["fake_sync"].Priority);
        Assert.Equal([0], steps.Values.Where(s => s.Step != "fake_sync").Select(s => s.Priority).Distinct());
        Assert.Equal(["fake_abortable_wait"], steps.Values.Where(s => s.Abortable).Select(s => s.Step));
    }

    [Fact]
    public void FakeWithArgs_DeclaresValueAsARequiredArgument()
    {
        var step = power.GetCleanSteps(task).Single(s => s.Step == "fake_with_args");

        var value = step.ArgsInfo?["value"]?.AsObject();
        Assert.NotNull(value);
        Assert.True(value["required"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(value["description"]?.GetValue<string>()));
        Assert.Null(power.GetCleanSteps(task).Single(s => s.Step == "fake_sync").ArgsInfo);
    }

    [Fact]
    public void DeploySteps_FakeDeployHasDeployAt100_FakePowerOffersItsTestStepsAtZero()
    {
        var deploy = Assert.Single(new FakeDeploy().GetDeploySteps(task));
        Assert.Equal(new StepInfo(InterfaceKind.Deploy, "deploy", 100, false, null, false), deploy);

        var powerSteps = power.GetDeploySteps(task);
        Assert.Equal(["fake_fail", "fake_slow", "fake_sync", "fake_wait", "fake_with_args"], powerSteps.Select(s => s.Step).Order(StringComparer.Ordinal));
        Assert.All(powerSteps, s => Assert.Equal(0, s.Priority));
    }

    [Fact]
    public void FakeBios_DeclaresIronicsManualCleanSteps()
    {
        var steps = new FakeBios().GetCleanSteps(task).ToDictionary(s => s.Step);

        Assert.Equal(["apply_configuration", "cache_bios_settings", "factory_reset"], steps.Keys.Order(StringComparer.Ordinal));
        Assert.All(steps.Values, s => Assert.Equal(0, s.Priority));
        Assert.True(steps["apply_configuration"].ArgsInfo?["settings"]?["required"]?.GetValue<bool>());
    }

    [Theory]
    [InlineData("fake_sync", StepOutcome.Done)]
    [InlineData("fake_wait", StepOutcome.Wait)]
    [InlineData("fake_abortable_wait", StepOutcome.Wait)]
    public async Task ExecuteCleanStep_ReturnsTheStepsOutcome(string name, StepOutcome expected)
    {
        var step = power.GetCleanSteps(task).Single(s => s.Step == name);

        Assert.Equal(expected, await power.ExecuteCleanStepAsync(task, step, [], default));
    }

    [Fact]
    public async Task ExecuteCleanStep_FakeFail_FaultsWithAnIronicExceptionNamingTheStep()
    {
        var step = power.GetCleanSteps(task).Single(s => s.Step == "fake_fail");

        var e = await Assert.ThrowsAsync<IronicException>(() => power.ExecuteCleanStepAsync(task, step, [], default));

        Assert.Contains("fake_fail", e.Message, StringComparison.Ordinal);
        Assert.Contains(task.Node.Uuid, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteCleanStep_FakeWithArgsWithoutValue_ThrowsMissingParameterValue()
    {
        var step = power.GetCleanSteps(task).Single(s => s.Step == "fake_with_args");

        var e = await Assert.ThrowsAsync<MissingParameterValue>(
            () => power.ExecuteCleanStepAsync(task, step, new JsonObject { ["other"] = 1 }, default));

        Assert.Contains("'value'", e.Message, StringComparison.Ordinal);
        Assert.False(task.Node.DriverInternalInfo.ContainsKey(FakePower.WithArgsValueKey));
    }

    [Fact]
    public async Task ExecuteDeployStep_FakeWithArgs_RecordsTheValueAndSaves()
    {
        var step = power.GetDeploySteps(task).Single(s => s.Step == "fake_with_args");

        var outcome = await power.ExecuteDeployStepAsync(task, step, new JsonObject { ["value"] = new JsonObject { ["n"] = 42 } }, default);

        Assert.Equal(StepOutcome.Done, outcome);
        Assert.Equal(42, task.Node.DriverInternalInfo[FakePower.WithArgsValueKey]?["n"]?.GetValue<int>());
        Assert.Equal(1, task.Saves);
    }

    [Fact]
    public async Task ExecuteDeployStep_Deploy_IsDone()
    {
        var deploy = new FakeDeploy();

        Assert.Equal(StepOutcome.Done, await deploy.ExecuteDeployStepAsync(task, deploy.GetDeploySteps(task)[0], [], default));
    }

    [Fact]
    public async Task ExecuteCleanStep_BiosApplyConfiguration_ValidatesItsArgument()
    {
        var bios = new FakeBios();
        var apply = bios.GetCleanSteps(task).Single(s => s.Step == "apply_configuration");

        await Assert.ThrowsAsync<MissingParameterValue>(() => bios.ExecuteCleanStepAsync(task, apply, [], default));
        await Assert.ThrowsAsync<InvalidParameterValue>(
            () => bios.ExecuteCleanStepAsync(task, apply, new JsonObject { ["settings"] = "all" }, default));

        var args = new JsonObject { ["settings"] = new JsonArray(new JsonObject { ["name"] = "NumLock", ["value"] = "Off" }) };
        Assert.Equal(StepOutcome.Done, await bios.ExecuteCleanStepAsync(task, apply, args, default));
        Assert.Equal("Off", task.Node.DriverInternalInfo[FakeBios.SettingsKey]?["NumLock"]?.GetValue<string>());
    }
}
