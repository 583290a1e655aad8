using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// A plugin created by <c>dotnet new ironic-driver</c> outside the repository and built against the packed
/// Ironic.Drivers (<see cref="PluginKitFixture"/>), driven through the real CLI: its asynchronous BIOS job step,
/// finished by the plugin's own periodic task, in manual cleaning and in a deployment's deploy_steps, and a job
/// that fails.
/// </summary>
public sealed class PluginKitTests(PluginKitFixture fixture, ITestOutputHelper output) : IClassFixture<PluginKitFixture>, IDisposable
{
    private const string Driver = PluginKitFixture.DriverName;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private readonly BaremetalCli cli = fixture.Cli(output);
    private readonly IronicApi api = new(fixture.Server);

    [Fact]
    public void Template_DefaultContractVersion_IsTheContractsVersion()
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(PluginServerFixture.RepositoryRoot(),
            "templates", "Ironic.Driver.Templates", "content", "IronicDriver", ".template.config", "template.json")))!;
        Assert.Equal(RepositoryVersions.Contract(), (string?)template["symbols"]!["ironicVersion"]!["defaultValue"]);
        Assert.Equal(RepositoryVersions.Contract(), RepositoryVersions.TemplatePackage());
        output.WriteLine($"pack, template install, create and build took {fixture.PrepareTime.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task CreatedPlugin_IsLoadedWithoutItsOwnCopyOfTheContract()
    {
        var built = Path.Combine(fixture.PluginDir, PluginKitFixture.ProjectName);
        Assert.True(File.Exists(Path.Combine(built, PluginKitFixture.ProjectName + ".dll")));
        // ExcludeAssets="runtime" keeps the contract and its dependency out of the plugin's folder; ironic provides them.
        Assert.False(File.Exists(Path.Combine(built, "Ironic.Drivers.dll")), "the plugin's output carries Ironic.Drivers.dll");
        Assert.False(File.Exists(Path.Combine(built, "Microsoft.Extensions.Logging.Abstractions.dll")),
            "the plugin's output carries Microsoft.Extensions.Logging.Abstractions.dll");

        // The plugin reads its options when it starts, so ironic knows them.
        Assert.DoesNotContain($"Unknown option [{Driver}]", fixture.Server.ReadLog(), StringComparison.Ordinal);

        var drivers = await cli.RowsAsync("driver", "list");
        Assert.Contains(drivers, r => (string?)r["Supported driver(s)"] == Driver);
        var properties = await cli.RowsAsync("driver", "property", "list", Driver);
        Assert.Contains(properties, r => (string?)r["Property"] == $"{Driver}_address");
    }

    [Fact]
    public async Task ManualClean_BiosJob_WaitsThenThePluginsPeriodicTaskFinishesIt()
    {
        var uuid = await CreateManageableNodeAsync("acc-kit-clean");

        // A required step argument missing: refused before the node moves.
        var missing = await cli.FailAsync("node", "clean", uuid, "--clean-steps", """[{"interface": "management", "step": "apply_bios_settings"}]""");
        Assert.Contains("settings", missing.StdErr, StringComparison.Ordinal);
        Assert.Contains("(HTTP 400)", missing.StdErr, StringComparison.Ordinal);

        await cli.OkAsync("node", "clean", uuid, "--clean-steps",
            """[{"interface": "management", "step": "apply_bios_settings", "args": {"settings": {"LogicalProc": "Enabled"}, "seconds": 3}}]""");
        var waiting = await api.WaitForNodeAsync(uuid, n => (string?)n["provision_state"] == "clean wait", "provision_state \"clean wait\"", Settle);
        Assert.Equal("apply_bios_settings", (string?)waiting["clean_step"]?["step"]);
        Assert.NotNull(waiting["driver_internal_info"]?[$"{Driver}_bios_job"]);

        await cli.PollValueAsync("manageable", Settle, "provision_state", "node", "show", uuid);
        var done = await ProvisioningTests.AssertSettledAsync(api, uuid, "manageable");
        NodeTests.AssertJson("{}", done["clean_step"]);
        Assert.False((bool?)done["maintenance"]);
    }

    [Fact]
    public async Task Deploy_BiosJobAsDeployStep_WaitsForCallBackThenActive()
    {
        var uuid = await CreateManageableNodeAsync("acc-kit-deploy");
        await cli.OkAsync("node", "provide", uuid, "--wait", "60");
        await ProvisioningTests.AssertSettledAsync(api, uuid, "available");

        // deploy_steps needs API 1.69, which the client negotiates.
        await cli.OkAsync("node", "deploy", uuid, "--deploy-steps",
            """[{"interface": "management", "step": "apply_bios_settings", "args": {"settings": {"BootMode": "Uefi"}, "seconds": 3}, "priority": 90}]""");
        var waiting = await api.WaitForNodeAsync(uuid, n => (string?)n["provision_state"] == "wait call-back",
            "provision_state \"wait call-back\"", Settle);
        Assert.Equal("apply_bios_settings", (string?)waiting["deploy_step"]?["step"]);

        await cli.PollValueAsync("active", Settle, "provision_state", "node", "show", uuid);
        await ProvisioningTests.AssertSettledAsync(api, uuid, "active");
    }

    [Fact]
    public async Task ManualClean_FailingBiosJob_CleanFailedWithThePluginsMessage()
    {
        var uuid = await CreateManageableNodeAsync("acc-kit-fail");

        await cli.OkAsync("node", "clean", uuid, "--clean-steps",
            """[{"interface": "management", "step": "apply_bios_settings", "args": {"settings": {"LogicalProc": "Disabled"}, "seconds": 1, "fail": true}}]""");
        await cli.PollValueAsync("clean failed", Settle, "provision_state", "node", "show", uuid);

        var failed = await cli.ObjectAsync("node", "show", uuid, "--fields", "provision_state", "target_provision_state", "last_error", "maintenance", "fault");
        Assert.Null(failed["target_provision_state"]);
        var lastError = (string?)failed["last_error"] ?? "";
        Assert.StartsWith($"Clean step management.apply_bios_settings failed on node {uuid}: {Driver}: BIOS job JID_", lastError, StringComparison.Ordinal);
        Assert.EndsWith("(the step was asked to fail); check the BMC's job queue and run the step again.", lastError, StringComparison.Ordinal);
        // A clean step that failed, by report as by exception: maintenance, as Ironic's cleaning_error_handler.
        Assert.True((bool?)failed["maintenance"]);
        Assert.Equal("clean failure", (string?)failed["fault"]);
    }

    public void Dispose() => api.Dispose();

    private async Task<string> CreateManageableNodeAsync(string prefix)
    {
        // fake boot and deploy: no ports or images needed, as the template's hardware type allows.
        var uuid = await cli.ValueAsync("uuid", "node", "create", "--driver", Driver, "--driver-info", $"{Driver}_address=192.0.2.10",
            "--boot-interface", "fake", "--deploy-interface", "fake", "--name", Unique.Name(prefix));
        await cli.OkAsync("node", "manage", uuid, "--wait", "60");
        return uuid;
    }
}
