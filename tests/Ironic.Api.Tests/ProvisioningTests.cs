using Ironic.Conductor.States;

namespace Ironic.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProvisioningTests(ApiServer server)
{
    // API verb -> state machine event, for the verbs this service serves at its microversions.
    private static readonly Dictionary<string, ProvisionEvent> Verbs = new()
    {
        ["manage"] = ProvisionEvent.Manage, ["provide"] = ProvisionEvent.Provide, ["clean"] = ProvisionEvent.Clean,
        ["inspect"] = ProvisionEvent.Inspect, ["active"] = ProvisionEvent.Deploy, ["rebuild"] = ProvisionEvent.Rebuild,
        ["deleted"] = ProvisionEvent.Delete, ["abort"] = ProvisionEvent.Abort, ["adopt"] = ProvisionEvent.Adopt,
        ["rescue"] = ProvisionEvent.Rescue, ["unrescue"] = ProvisionEvent.Unrescue, ["deploy"] = ProvisionEvent.Deploy,
        ["undeploy"] = ProvisionEvent.Delete,
    };

    public static TheoryData<string> AllStates() => [.. ProvisionStateMachine.States.Order(StringComparer.Ordinal)];

    private static string Body(string verb) => verb switch
    {
        "clean" => """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_sync"}]}""",
        "rescue" => """{"target": "rescue", "rescue_password": "pw"}""",
        _ => $$"""{"target": "{{verb}}"}""",
    };

    private async Task<string> NodeInStateAsync(string state)
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.ProvisionState = state;
        await server.Store.Nodes.UpdateAsync(node, ["provision_state"]);
        return uuid;
    }

    private async Task<Reply> ProvisionAsync(string uuid, string body)
    {
        var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", json: body);
        await server.WhenIdleAsync();
        return reply;
    }

    private async Task<string?> StateAsync(string uuid) => (string?)(await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_state"];

    [Fact]
    public async Task Deploy_OfANodeThatFailsValidation_Is400_AndTheNodeStaysAvailable()
    {
        var uuid = (string)(await server.CreateNodeAsync(extraJson: """, "boot_interface": "pxe", "deploy_interface": "ramdisk" """))["uuid"]!;
        await ProvisionAsync(uuid, """{"target": "manage"}""");
        await ProvisionAsync(uuid, """{"target": "provide"}""");
        Assert.Equal("available", await StateAsync(uuid));

        var reply = await ProvisionAsync(uuid, """{"target": "active"}""");

        Assert.Equal(400, reply.Status);
        Assert.StartsWith($"Failed to deploy instance: Failed to validate deploy or power info for node {uuid}: ", reply.Fault, StringComparison.Ordinal);
        Assert.Equal("available", await StateAsync(uuid));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public async Task EveryVerb_IsAcceptedExactlyWhenTheTableAllowsIt(string state)
    {
        foreach (var (verb, @event) in Verbs)
        {
            var uuid = await NodeInStateAsync(state);

            var reply = await ProvisionAsync(uuid, Body(verb));

            if (ProvisionStateMachine.Allows(state, @event))
            {
                Assert.True(reply.Status == 202, $"{verb} from {state}: {reply.Status} {reply.Body}");
                Assert.NotNull((await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_updated_at"]);
            }
            else
            {
                Assert.True(reply.Status == 400, $"{verb} from {state}: {reply.Status} {reply.Body}");
                Assert.Equal($"The requested action \"{verb}\" can not be performed on node \"{uuid}\" while it is in state \"{state}\".", reply.Fault);
                Assert.Equal(state, await StateAsync(uuid));
                Assert.Null((await server.GetAsync($"/v1/nodes/{uuid}")).Json["provision_updated_at"]);
            }
        }
    }

    [Fact]
    public async Task Lifecycle_ManageProvideDeployUndeploy_EndsAvailableWithLocksReleased()
    {
        var uuid = (string)(await server.CreateNodeAsync())["uuid"]!;

        foreach (var (verb, expected) in new[] { ("manage", "manageable"), ("provide", "available"), ("active", "active"), ("rebuild", "active"), ("deleted", "available") })
        {
            Assert.Equal(202, (await ProvisionAsync(uuid, Body(verb))).Status);
            var node = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
            Assert.Equal(expected, (string?)node["provision_state"]);
            Assert.Null(node["target_provision_state"]);
            Assert.Null(node["reservation"]);
            Assert.Null(node["last_error"]);
        }
    }

    [Fact]
    public async Task FailingCleanStep_EndsInCleanFailedWithLastError()
    {
        var uuid = await NodeInStateAsync("manageable");

        await ProvisionAsync(uuid, """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_sync"}, {"interface": "power", "step": "fake_fail"}]}""");

        var node = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        Assert.Equal("clean failed", (string?)node["provision_state"]);
        Assert.StartsWith($"Clean step power.fake_fail failed on node {uuid}:", (string?)node["last_error"]);
        Assert.Equal("{}", node["clean_step"]!.ToJsonString());
        Assert.True((bool)node["maintenance"]!);
        Assert.Equal("clean failure", (string?)node["fault"]);
        Assert.Equal((string?)node["last_error"], (string?)node["maintenance_reason"]);
    }

    [Fact]
    public async Task WaitingCleanStep_WaitsThenContinuesToTheNextStep()
    {
        var uuid = await NodeInStateAsync("manageable");

        await ProvisionAsync(uuid, """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_wait"}, {"interface": "power", "step": "fake_with_args", "args": {"value": "x"}}]}""");
        var waiting = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        await server.Conductor.ContinueNodeCleanAsync(uuid, CancellationToken.None);
        await server.WhenIdleAsync();
        var done = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;

        Assert.Equal("clean wait", (string?)waiting["provision_state"]);
        Assert.Equal("fake_wait", (string?)waiting["clean_step"]!["step"]);
        Assert.Equal("manageable", (string?)done["provision_state"]);
        Assert.Equal("x", (string?)done["driver_internal_info"]!["fake_with_args_value"]);
    }

    [Fact]
    public async Task Abort_OfAnAbortableWaitingStep_FailsCleaning_ButNotOfOtherSteps()
    {
        var abortable = await NodeInStateAsync("manageable");
        var notAbortable = await NodeInStateAsync("manageable");
        await ProvisionAsync(abortable, """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_abortable_wait"}]}""");
        await ProvisionAsync(notAbortable, """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_wait"}]}""");

        var ok = await ProvisionAsync(abortable, Body("abort"));
        var refused = await ProvisionAsync(notAbortable, Body("abort"));

        Assert.Equal(202, ok.Status);
        Assert.Equal("clean failed", await StateAsync(abortable));
        Assert.Equal(400, refused.Status);
        Assert.Equal($"The current clean step power.fake_wait of node {notAbortable} cannot be aborted.", refused.Fault);
        Assert.Equal("clean wait", await StateAsync(notAbortable));
    }

    [Theory]
    [InlineData("""{"target": "clean"}""", "\"clean_steps\" is required when setting target provision state to clean")]
    [InlineData("""{"target": "clean", "clean_steps": [{"interface": 5, "step": "x"}]}""", "Each clean step must be an object with string 'interface' and 'step'")]
    [InlineData("""{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_sync", "args": [1]}]}""", "Each clean step must be an object")]
    [InlineData("""{"target": "clean", "clean_steps": [{"interface": "power", "step": "nosuch"}]}""", "No clean step named 'nosuch' on the power interface of node")]
    [InlineData("""{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_with_args"}]}""", "power.fake_with_args of node")]
    [InlineData("""{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_sync", "args": {"x": 1}}]}""", "power.fake_sync of node")]
    [InlineData("""{"target": "provide", "clean_steps": []}""", "\"clean_steps\" is only valid when setting target provision state to clean")]
    [InlineData("""{"target": "rescue"}""", "A non-empty \"rescue_password\" is required")]
    [InlineData("""{"target": "bogus"}""", "The requested action \"bogus\" can not be performed")]
    [InlineData("""{}""", "Missing mandatory parameter: target")]
    public async Task BadProvisionRequests_Are400AndLeaveTheNodeAlone(string body, string message)
    {
        var uuid = await NodeInStateAsync("manageable");

        var reply = await ProvisionAsync(uuid, body);

        Assert.Equal(400, reply.Status);
        Assert.StartsWith(message, reply.Fault);
        Assert.Equal("manageable", await StateAsync(uuid));
    }

    [Fact]
    public async Task VerbsNewerThanTheRequest_Are406()
    {
        var uuid = await NodeInStateAsync("manageable");

        var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", "1.14", """{"target": "clean", "clean_steps": [{"interface": "power", "step": "fake_sync"}]}""");

        Assert.Equal(406, reply.Status);
    }

    [Fact]
    public async Task Maintenance_SetAndUnset_AndBlocksProvisioning()
    {
        var uuid = await NodeInStateAsync("manageable");

        Assert.Equal(202, (await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/maintenance", json: """{"reason": "disk swap"}""")).Status);
        var on = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
        var refused = await ProvisionAsync(uuid, Body("provide"));
        Assert.Equal(202, (await server.SendAsync(HttpMethod.Delete, $"/v1/nodes/{uuid}/maintenance")).Status);
        var off = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;

        Assert.True((bool)on["maintenance"]!);
        Assert.Equal("disk swap", (string?)on["maintenance_reason"]);
        Assert.Equal(400, refused.Status);
        Assert.Equal($"The provide operation can't be performed on node {uuid} because it's in maintenance mode.", refused.Fault);
        Assert.False((bool)off["maintenance"]!);
        Assert.Null(off["maintenance_reason"]);
    }

    [Fact]
    public async Task RescuePassword_IsKeptButMasked_AndRemovedByUnrescue()
    {
        var uuid = await NodeInStateAsync("active");

        await ProvisionAsync(uuid, """{"target": "rescue", "rescue_password": "s3cret"}""");
        var rescued = await server.GetAsync($"/v1/nodes/{uuid}");
        await ProvisionAsync(uuid, Body("unrescue"));

        Assert.Equal("rescue", (string?)rescued.Json["provision_state"]);
        Assert.Equal("******", (string?)rescued.Json["instance_info"]!["rescue_password"]);
        Assert.DoesNotContain("s3cret", rescued.Body, StringComparison.Ordinal);
        Assert.False((await server.Store.Nodes.GetAsync("uuid", uuid))!.InstanceInfo.ContainsKey("rescue_password"));
    }

    [Fact]
    public async Task RetiredNodes_CannotBeProvided()
    {
        var uuid = await NodeInStateAsync("manageable");
        await server.PatchAsync($"/v1/nodes/{uuid}", """[{"op": "replace", "path": "/retired", "value": true}]""");

        var reply = await ProvisionAsync(uuid, Body("provide"));

        Assert.Equal(400, reply.Status);
        Assert.Equal($"The provide operation can't be performed on node {uuid} because it is retired.", reply.Fault);
    }

    [Fact]
    public async Task CleanStepPriorityOverrides_EnableAndDisableAutomatedSteps()
    {
        var uuid = await NodeInStateAsync("manageable");
        await using var task = await server.Tasks.AcquireAsync(uuid, "test", shared: true);

        var plain = Ironic.Conductor.Provisioning.StepPlan.Automated(task, deploy: false);
        var overridden = Ironic.Conductor.Provisioning.StepPlan.Automated(task, deploy: false,
            new Dictionary<string, int> { ["power.fake_sync"] = 0, ["power.fake_wait"] = 5 });

        Assert.Equal(["fake_sync"], plain.Select(s => (string)s["step"]!));
        Assert.Equal(["fake_wait"], overridden.Select(s => (string)s["step"]!));
        Assert.Equal(5, (int)overridden[0]["priority"]!);
    }

    [Fact]
    public async Task FullWorkerPool_LeavesTheNodeWhereItWas()
    {
        var uuid = await NodeInStateAsync("manageable");
        var (_, release) = server.FillWorkerPool();
        await using (release)
        {
            var reply = await server.SendAsync(HttpMethod.Put, $"/v1/nodes/{uuid}/states/provision", json: Body("provide"));

            Assert.Equal(503, reply.Status);
            var node = (await server.GetAsync($"/v1/nodes/{uuid}")).Json;
            Assert.Equal("manageable", (string?)node["provision_state"]);
            Assert.Null(node["target_provision_state"]);
            Assert.Null(node["reservation"]);
            Assert.Equal("No free conductor workers available", (string?)node["last_error"]);
        }

        Assert.Equal(202, (await ProvisionAsync(uuid, Body("provide"))).Status);
        Assert.Equal("available", await StateAsync(uuid));
    }
}
