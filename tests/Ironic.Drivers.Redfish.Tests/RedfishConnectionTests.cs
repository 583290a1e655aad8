using Ironic.Testing.Redfish;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>Sessions, retries and failures against an emulator of each test's own (connections are shared per BMC and user).</summary>
public sealed class RedfishConnectionTests : IAsyncLifetime
{
    private readonly RedfishTestDriver driver = new();
    private RedfishEmulator emulator = null!;

    public async Task InitializeAsync() => emulator = await RedfishEmulator.StartAsync(systems: 3, password: "s3cr3t-Pa55");

    public async Task DisposeAsync() => await emulator.DisposeAsync();

    [Fact]
    public async Task ManyCallsForManyNodes_ShareOneSession()
    {
        foreach (var system in emulator.Systems)
        {
            var task = driver.Task(emulator, system);
            await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);
            await driver.Management.SetBootDeviceAsync(task, BootDevice.Pxe, false, default);
            await driver.Power.GetPowerStateAsync(task, default);
            await driver.Bios.CacheBiosSettingsAsync(task, default);
        }

        Assert.Equal(1, emulator.SessionLogins);
        Assert.All(emulator.Requests.Where(r => r.Path != "/redfish/v1" && !r.Path.EndsWith("/Sessions", StringComparison.Ordinal)),
            r => Assert.Equal("session", r.Auth));
        // The service root is read once per connection, not per call.
        Assert.Single(emulator.Requests, r => r.Path == "/redfish/v1");
    }

    [Fact]
    public async Task ASessionTheBmcForgot_IsRenewedOnce_AndTheCallSucceeds()
    {
        var task = driver.Task(emulator, emulator.Systems[0], shared: true);
        await driver.Power.GetPowerStateAsync(task, default);
        emulator.ExpireSessions();
        emulator.ClearRequests();

        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));

        Assert.Equal(2, emulator.SessionLogins);
        Assert.Equal([401, 201, 200], emulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task GetsAnsweredWith503_AreRetried()
    {
        var task = driver.Task(emulator, emulator.Systems[0], shared: true);
        await driver.Power.GetPowerStateAsync(task, default);
        emulator.FailNextGets(2);
        emulator.ClearRequests();

        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));

        Assert.Equal([503, 503, 200], emulator.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task ABmcThatKeepsFailing_GivesUpAfterTheConfiguredAttempts_NamingTheAddress()
    {
        var task = driver.Task(emulator, emulator.Systems[0], shared: true);
        await driver.Power.GetPowerStateAsync(task, default);
        emulator.FailNextGets(100, 500);
        emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<RedfishConnectionError>(() => driver.Power.GetPowerStateAsync(task, default));

        Assert.Equal(3, emulator.Requests.Count(r => r.Method == "GET"));
        Assert.Contains(emulator.BaseUrl, error.Message);
        Assert.Contains("after 3 attempt(s)", error.Message);
        Assert.Contains("HTTP 500", error.Message);
    }

    [Fact]
    public async Task ABmcThatIsDown_FailsWithinTheRetryBound_WithAClearError()
    {
        var task = driver.Task(emulator, emulator.Systems[0]);
        await emulator.DisposeAsync();
        emulator = await RedfishEmulator.StartAsync();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<RedfishConnectionError>(() => driver.Power.SetPowerStateAsync(task, PowerState.On, null, default));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.StartsWith($"Redfish connection failed for node {task.Node.Uuid}: GET /redfish/v1/ at {task.Node.DriverInfo["redfish_address"]}", error.Message);
        Assert.DoesNotContain("s3cr3t-Pa55", error.ToString());
    }

    [Fact]
    public async Task ABmcThatDropsConnections_IsAConnectionError()
    {
        var task = driver.Task(emulator, emulator.Systems[0], shared: true);
        emulator.IsDown = true;

        var error = await Assert.ThrowsAsync<RedfishConnectionError>(() => driver.Power.GetPowerStateAsync(task, default));
        Assert.Contains(emulator.BaseUrl, error.Message);

        // Once it is back, the next call works (the failed connection was dropped from the cache).
        emulator.IsDown = false;
        Assert.Equal(PowerState.Off, await driver.Power.GetPowerStateAsync(task, default));
    }

    [Fact]
    public async Task Auto_FallsBackToBasic_WhenTheBmcRefusesSessions()
    {
        emulator.SessionsEnabled = false;
        var task = driver.Task(emulator, emulator.Systems[0]);

        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);

        Assert.Equal("On", emulator.Systems[0].PowerState);
        Assert.Single(emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/Sessions", StringComparison.Ordinal));
        Assert.All(emulator.Requests.Where(r => r.Path.StartsWith("/redfish/v1/Systems", StringComparison.Ordinal)), r => Assert.Equal("basic", r.Auth));
    }

    [Fact]
    public async Task Basic_NeverTouchesTheSessionService()
    {
        var task = driver.Task(emulator, emulator.Systems[0], auth: "basic", shared: true);

        await driver.Power.GetPowerStateAsync(task, default);
        await driver.Power.GetPowerStateAsync(task, default);

        Assert.Equal(0, emulator.SessionLogins);
        Assert.All(emulator.Requests, r => Assert.Equal("basic", r.Auth));
    }

    [Fact]
    public async Task Session_WhenTheBmcRefusesSessions_Fails()
    {
        emulator.SessionsEnabled = false;
        var task = driver.Task(emulator, emulator.Systems[0], auth: "session", shared: true);

        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Power.GetPowerStateAsync(task, default));

        Assert.Contains("HTTP 405", error.Message);
        Assert.DoesNotContain(emulator.Requests, r => r.Auth == "basic");
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("basic")]
    [InlineData("session")]
    public async Task AWrongPassword_IsRefused_AndNoPasswordAppearsInErrorsOrLogs(string auth)
    {
        var local = new RedfishTestDriver();
        var services = local.Services;
        var task = local.Task(emulator, emulator.Systems[0], auth: auth, password: "wr0ng-Pa55", shared: true);

        var error = await Assert.ThrowsAsync<RedfishError>(() => local.Power.GetPowerStateAsync(task, default));

        Assert.Contains("401", error.Message);
        Assert.Contains(emulator.BaseUrl, error.Message);
        // A right password later is used at once: the refused connection is not kept.
        emulator.Password = "wr0ng-Pa55";
        Assert.Equal(PowerState.Off, await local.Power.GetPowerStateAsync(task, default));
        foreach (var text in services.Lines.Append(error.ToString()))
        {
            Assert.DoesNotContain("wr0ng-Pa55", text);
            Assert.DoesNotContain("s3cr3t-Pa55", text);
        }
    }

    [Fact]
    public async Task WithoutASystemId_TheOnlySystemIsUsed_AndSeveralAreIronicsError()
    {
        await using var single = await RedfishEmulator.StartAsync(systems: 1);
        var task = driver.Task(single, null);
        await driver.Power.SetPowerStateAsync(task, PowerState.On, null, default);
        Assert.Equal("On", single.Systems[0].PowerState);

        var ambiguous = driver.Task(emulator, null, shared: true);
        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Power.GetPowerStateAsync(ambiguous, default));
        Assert.Contains("Failed at determining default for \"ComputerSystem\"", error.Message);
        Assert.Contains("redfish_system_id", error.Message);
    }

    [Fact]
    public async Task AnUnknownSystemId_IsNotFound()
    {
        var task = driver.Task(emulator, null, shared: true);
        task.Node.DriverInfo["redfish_system_id"] = "/redfish/v1/Systems/99";

        var error = await Assert.ThrowsAsync<RedfishError>(() => driver.Power.GetPowerStateAsync(task, default));

        Assert.Contains("The Redfish System \"/redfish/v1/Systems/99\" was not found", error.Message);
    }
}
