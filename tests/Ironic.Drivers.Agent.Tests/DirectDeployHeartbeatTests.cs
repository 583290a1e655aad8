using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Agent.Tests;

/// <summary>
/// The direct deploy's heartbeat while write_image runs, through the test harness: an agent that cannot be
/// polled leaves the step waiting (the next heartbeat asks again), a failed command fails the step with the
/// agent's error, and the token stays out of the log.
/// </summary>
public sealed class DirectDeployHeartbeatTests : IAsyncLifetime
{
    private readonly string token = "tok-" + Guid.NewGuid().ToString("N");
    // Long enough that a loaded machine never times a good answer out; the slow agent's case has its own.
    private TestDriverServices services = new(("agent.command_timeout", "10"), ("agent.max_command_attempts", "2"));
    private AgentDouble agent = null!;

    public async Task InitializeAsync() => agent = await AgentDouble.StartAsync();

    public async Task DisposeAsync()
    {
        await agent.DisposeAsync();
        services.Dispose();
    }

    [Fact]
    public async Task WriteImage_Running_StillWaits()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, """{"commands": [{"command_name": "execute_deploy_step", "command_status": "RUNNING"}]}""");
        var task = WaitingInWriteImage(agent.Url);

        await task.Driver.Deploy.HeartbeatAsync(task, agent.Url, default);

        Assert.Same(StepResult.StillWaiting, Assert.Single(task.StepReports));
        Assert.Equal(token, Assert.Single(agent.Requests).Token);
    }

    [Fact]
    public async Task WriteImage_Succeeded_IsDone()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, """{"commands": [{"command_name": "execute_deploy_step", "command_status": "SUCCEEDED"}]}""");
        var task = WaitingInWriteImage(agent.Url);

        await task.Driver.Deploy.HeartbeatAsync(task, agent.Url, default);

        Assert.True(Assert.Single(task.StepReports).IsDone);
    }

    [Fact]
    public async Task WriteImage_Failed_FailsTheStepWithTheAgentsError()
    {
        agent.Answer = h => AgentDouble.Json(h, 200, """
            {"commands": [{"command_name": "execute_deploy_step", "command_status": "FAILED",
              "command_error": {"message": "Image write failed", "details": "qemu-img: /dev/sda: No space left on device"}}]}
            """);
        var task = WaitingInWriteImage(agent.Url);

        await task.Driver.Deploy.HeartbeatAsync(task, agent.Url, default);

        var report = Assert.Single(task.StepReports);
        Assert.True(report.IsFailed);
        Assert.Equal("Agent returned error for deploy step write_image: qemu-img: /dev/sda: No space left on device", report.Error);
    }

    public static TheoryData<string> PollFailures => ["401", "500", "garbage", "array", "slow", "refused"];

    [Theory]
    [MemberData(nameof(PollFailures))]
    public async Task WriteImage_PollFails_StillWaits_AndLogsWithoutTheToken(string failure)
    {
        var url = agent.Url;
        agent.Answer = failure switch
        {
            "401" => h => AgentDouble.Json(h, 401, """{"faultstring": "Invalid or missing agent token received."}"""),
            "500" => h => AgentDouble.Json(h, 500, "Internal Server Error"),
            "garbage" => h => AgentDouble.Json(h, 200, "{\"commands\": ["),
            "array" => h => AgentDouble.Json(h, 200, "[]"),
            "slow" => async h => await Task.Delay(TimeSpan.FromSeconds(30), h.RequestAborted),
            _ => agent.Answer,
        };
        if (failure == "slow")
        {
            services.Dispose();
            services = new(("agent.command_timeout", "1"), ("agent.max_command_attempts", "2"));
        }

        using var refusing = AgentDouble.RefusingPort();
        if (failure == "refused")
        {
            url = $"http://{refusing.LocalEndPoint}";
        }

        var task = WaitingInWriteImage(url);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await task.Driver.Deploy.HeartbeatAsync(task, url, default);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.Same(StepResult.StillWaiting, Assert.Single(task.StepReports));
        var warning = Assert.Single(services.Lines, l => l.Contains("polling the agent failed", StringComparison.Ordinal));
        Assert.Contains(task.Node.Uuid, warning, StringComparison.Ordinal);
        Assert.All(services.Lines, l => Assert.DoesNotContain(token, l, StringComparison.Ordinal));
        // Retried only when the agent could not be reached (2 attempts); an answer, however bad, is final.
        Assert.Equal(failure is "slow" ? 2 : failure is "refused" ? 0 : 1, agent.Requests.Count);
    }

    private TestTaskContext WaitingInWriteImage(string url)
    {
        var driver = new TestDriver("fake-hardware", new AgentHardware(), new DirectDeploy(services));
        var node = new Node
        {
            Uuid = Guid.NewGuid().ToString(),
            Driver = "fake-hardware",
            ProvisionState = ProvisionState.DeployWait,
            TargetProvisionState = ProvisionState.Active,
            DeployStep = new JsonObject { ["interface"] = "deploy", ["step"] = "write_image", ["priority"] = 80, ["args"] = new JsonObject() },
            DriverInternalInfo = new JsonObject { ["agent_url"] = url, ["agent_secret_token"] = token },
        };
        return new TestTaskContext(driver, node);
    }

    private sealed class AgentHardware : GenericHardware
    {
        public override IReadOnlyList<string> SupportedManagementInterfaces => ["fake"];

        public override IReadOnlyList<string> SupportedPowerInterfaces => ["fake"];
    }
}
