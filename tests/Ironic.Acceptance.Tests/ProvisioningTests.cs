using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// Provision state changes of fake-hardware nodes through <c>openstack baremetal node &lt;verb&gt; --wait</c>.
/// Each test drives its own node, so the classes run in parallel collections. After each verb the node
/// is also read over HTTP (cheaper than another CLI call) to check the wait saw a finished transition.
/// </summary>
[Collection(Collections.Provisioning)]
public sealed class ProvisioningTests(IronicServerFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly BaremetalCli cli = fixture.Cli(output);
    private readonly IronicApi api = new(fixture.Server);

    [Fact]
    public async Task ManageProvideDeployRebuildUndeploy_ThenMaintenanceSetUnset()
    {
        var uuid = await CreateManageableNodeAsync(cli, "acc-deploy");

        // Automated cleaning (fake_sync, priority 10) runs on the way to available.
        await cli.OkAsync("node", "provide", uuid, "--wait", "60");
        await AssertSettledAsync(api, uuid, "available");

        await cli.OkAsync("node", "deploy", uuid, "--wait", "60");
        var deployed = await AssertSettledAsync(api, uuid, "active");

        await cli.OkAsync("node", "rebuild", uuid, "--wait", "60");
        var rebuilt = await AssertSettledAsync(api, uuid, "active");
        // Active → deploying → active: the transition happened, it was not just "still active".
        Assert.True(Timestamp(rebuilt, "provision_updated_at") > Timestamp(deployed, "provision_updated_at"),
            $"rebuild did not move the node: {deployed["provision_updated_at"]} then {rebuilt["provision_updated_at"]}");

        await cli.OkAsync("node", "undeploy", uuid, "--wait", "60");
        await AssertSettledAsync(api, uuid, "available");

        await cli.OkAsync("node", "maintenance", "set", uuid, "--reason", "r");
        var inMaintenance = await cli.ObjectAsync("node", "show", uuid, "--fields", "maintenance", "maintenance_reason", "provision_state");
        Assert.True((bool?)inMaintenance["maintenance"]);
        Assert.Equal("r", (string?)inMaintenance["maintenance_reason"]);
        Assert.Equal("available", (string?)inMaintenance["provision_state"]);

        await cli.OkAsync("node", "maintenance", "unset", uuid);
        var cleared = await cli.ObjectAsync("node", "show", uuid, "--fields", "maintenance", "maintenance_reason");
        Assert.False((bool?)cleared["maintenance"]);
        Assert.Null((string?)cleared["maintenance_reason"]);
    }

    public void Dispose() => api.Dispose();

    /// <summary>Creates a fake-hardware node and moves it enroll → verifying → manageable with <c>node manage --wait 60</c>.</summary>
    internal static async Task<string> CreateManageableNodeAsync(BaremetalCli cli, string prefix)
    {
        var uuid = await cli.ValueAsync("uuid", "node", "create", "--driver", "fake-hardware", "--name", Unique.Name(prefix));
        await cli.OkAsync("node", "manage", uuid, "--wait", "60");
        return uuid;
    }

    /// <summary>Asserts over HTTP that the node is in <paramref name="state"/> with no target, lock or error left.</summary>
    internal static async Task<JsonObject> AssertSettledAsync(IronicApi api, string uuid, string state)
    {
        var node = await api.NodeAsync(uuid);
        Assert.True((string?)node["provision_state"] == state && node["target_provision_state"] is null && node["reservation"] is null
                    && node["last_error"] is null,
            $"expected node {uuid} settled in \"{state}\" (no target, reservation, last_error); got {node.ToJsonString()}");
        return node;
    }

    internal static DateTimeOffset Timestamp(JsonObject node, string field) =>
        DateTimeOffset.Parse((string?)node[field] ?? throw new InvalidOperationException($"{field} is null in {node.ToJsonString()}"),
            System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Manual cleaning that fails, and cleaning aborted while it waits.</summary>
[Collection(Collections.Cleaning)]
public sealed class CleaningTests(IronicServerFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly BaremetalCli cli = fixture.Cli(output);
    private readonly IronicApi api = new(fixture.Server);

    [Fact]
    public async Task ManualClean_FailingStep_CleanFailedWithTheStepsError_ThenManageable()
    {
        var uuid = await ProvisioningTests.CreateManageableNodeAsync(cli, "acc-cleanfail");

        var waited = await cli.FailAsync("node", "clean", uuid, "--clean-steps", """[{"interface": "power", "step": "fake_fail"}]""", "--wait", "60");
        Assert.Contains("clean failed", waited.StdErr, StringComparison.Ordinal);

        var failed = await cli.ObjectAsync("node", "show", uuid);
        Assert.Equal("clean failed", (string?)failed["provision_state"]);
        Assert.Null(failed["target_provision_state"]);
        Assert.Null(failed["reservation"]);
        Assert.Contains("fake_fail", (string?)failed["last_error"] ?? "", StringComparison.Ordinal);
        NodeTests.AssertJson("{}", failed["clean_step"]);

        // The node's history (1.78). The client shows one page (max_limit is 3 here): the first moves,
        // with the detailed columns; the error, further on, is fetched by its UUID as `history get` does.
        var firstPage = await cli.RowsAsync("node", "history", "list", uuid, "--long");
        Assert.Equal(["verify", "provisioning", "cleaning"], firstPage.Select(e => (string?)e["Event Origin Type"]));
        Assert.Equal("Node moved from provision state \"enroll\" to \"verifying\".", (string?)firstPage[0]["Description of the event"]);
        var events = (await api.ExpectAsync(System.Net.HttpStatusCode.OK, HttpMethod.Get, $"v1/nodes/{uuid}/history?limit=3&marker={firstPage[^1]["UUID"]}"))!["history"]!.AsArray();
        var error = Assert.Single(events, e => (string?)e!["severity"] == "ERROR")!;
        var shown = await cli.ObjectAsync("node", "history", "get", uuid, (string)error["uuid"]!);
        Assert.Equal("cleaning", (string?)shown["event_type"]);
        Assert.Contains("fake_fail", (string?)shown["event"] ?? "", StringComparison.Ordinal);

        await cli.OkAsync("node", "manage", uuid, "--wait", "60");
        Assert.Equal("manageable", (string?)(await api.NodeAsync(uuid))["provision_state"]);

        // As Ironic's cleaning_error_handler does when a clean step fails (set_maintenance defaults to
        // "a clean step was running"): the node goes into maintenance with fault "clean failure" and the
        // error as maintenance_reason, so that operators find it with `node list --fault "clean failure"`.
        Assert.True((bool?)failed["maintenance"] == true && (string?)failed["fault"] == "clean failure"
                    && ((string?)failed["maintenance_reason"] ?? "").Contains("fake_fail", StringComparison.Ordinal),
            "A failed clean step must put the node in maintenance with fault \"clean failure\" and the error as maintenance_reason "
            + $"(Ironic's cleaning_error_handler); node show after the failure gave maintenance={failed["maintenance"]?.ToJsonString()}, "
            + $"fault={failed["fault"]?.ToJsonString() ?? "null"}, maintenance_reason={failed["maintenance_reason"]?.ToJsonString() ?? "null"}");
    }

    [Fact]
    public async Task ManualClean_AbortableWaitStep_AbortedToCleanFailed_ThenManageable()
    {
        var uuid = await ProvisioningTests.CreateManageableNodeAsync(cli, "acc-abort");

        await cli.OkAsync("node", "clean", uuid, "--clean-steps", """[{"interface":"power","step":"fake_abortable_wait"}]""");
        await cli.PollValueAsync("clean wait", TimeSpan.FromSeconds(30), "provision_state", "node", "show", uuid);

        await cli.OkAsync("node", "abort", uuid);
        var aborted = await api.WaitForNodeAsync(uuid, n => (string?)n["provision_state"] == "clean failed" && n["reservation"] is null,
            "provision_state \"clean failed\"", TimeSpan.FromSeconds(30));
        var shown = await cli.ObjectAsync("node", "show", uuid, "--fields", "provision_state", "target_provision_state", "last_error");
        Assert.Equal("clean failed", (string?)shown["provision_state"]);
        Assert.Null(shown["target_provision_state"]);
        var lastError = (string?)shown["last_error"] ?? "";
        Assert.Contains("aborted", lastError, StringComparison.Ordinal);
        Assert.Contains("fake_abortable_wait", lastError, StringComparison.Ordinal);
        // An abort by request is no failure of the machine: no maintenance (Ironic's do_node_clean_abort).
        Assert.False((bool?)aborted["maintenance"]);

        await cli.OkAsync("node", "manage", uuid, "--wait", "60");
        Assert.Equal("manageable", (string?)(await api.NodeAsync(uuid))["provision_state"]);
    }

    public void Dispose() => api.Dispose();
}

/// <summary>Inspection, adoption and rescue.</summary>
[Collection(Collections.Rescue)]
public sealed class InspectAdoptRescueTests(IronicServerFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly BaremetalCli cli = fixture.Cli(output);
    private readonly IronicApi api = new(fixture.Server);

    [Fact]
    public async Task Inspect_Adopt_Rescue_Unrescue()
    {
        var uuid = await ProvisioningTests.CreateManageableNodeAsync(cli, "acc-rescue");
        var before = await api.NodeAsync(uuid);
        Assert.Null(before["inspection_finished_at"]);

        await cli.OkAsync("node", "inspect", uuid, "--wait", "60");
        var inspected = await ProvisioningTests.AssertSettledAsync(api, uuid, "manageable");
        Assert.NotNull(inspected["inspection_finished_at"]);

        await cli.OkAsync("node", "adopt", uuid, "--wait", "60");
        await ProvisioningTests.AssertSettledAsync(api, uuid, "active");

        await cli.OkAsync("node", "rescue", uuid, "--rescue-password", "pw", "--wait", "60");
        var rescued = await cli.ObjectAsync("node", "show", uuid, "--fields", "provision_state", "instance_info");
        Assert.Equal("rescue", (string?)rescued["provision_state"]);
        // The password is kept for the rescue ramdisk but never shown.
        Assert.Equal("******", (string?)rescued["instance_info"]?["rescue_password"]);
        Assert.DoesNotContain("\"pw\"", rescued.ToJsonString(), StringComparison.Ordinal);

        await cli.OkAsync("node", "unrescue", uuid, "--wait", "60");
        await ProvisioningTests.AssertSettledAsync(api, uuid, "active");
    }

    public void Dispose() => api.Dispose();
}
