using Ironic.Common.Config;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Periodic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Api.Tests;

/// <summary>Secrets as the API shows them: masked in driver_info, scrubbed from errors a driver raised.</summary>
[Collection(ApiCollection.Name)]
public sealed class SecretMaskingTests(ApiServer server)
{
    [Fact]
    public async Task DriverErrors_NeverCarryTheBmcPassword()
    {
        var uuid = (string)(await server.CreateNodeAsync(
            extraJson: """, "driver_info": {"ipmi_password": "hunter22", "fake_power_read_error": "ipmitool -P hunter22 timed out"}"""))["uuid"]!;
        var node = (await server.Store.Nodes.GetAsync("uuid", uuid))!;
        node.ProvisionState = "manageable";
        node.PowerState = "power on";
        await server.Store.Nodes.UpdateAsync(node, ["provision_state", "power_state"]);
        // One failed read is enough to put the node into maintenance with the driver's error as the reason.
        var sync = new PowerSync(server.Store, server.Services.GetRequiredService<TaskManager>(),
            IronicOptions.Load([], new Dictionary<string, string> { ["IRONIC_CONDUCTOR__POWER_STATE_SYNC_MAX_RETRIES"] = "1" }),
            NullLogger<PowerSync>.Instance);

        await sync.RunOnceAsync(CancellationToken.None);

        var shown = await server.GetAsync($"/v1/nodes/{uuid}");
        Assert.True((bool)shown.Json["maintenance"]!);
        Assert.Contains("ipmitool -P ****** timed out", (string?)shown.Json["maintenance_reason"], StringComparison.Ordinal);
        Assert.Equal("******", (string?)shown.Json["driver_info"]!["ipmi_password"]);
        Assert.DoesNotContain("hunter22", (await server.Store.Nodes.GetAsync("uuid", uuid))!.MaintenanceReason!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsInsideLists_AreMasked()
    {
        var node = await server.CreateNodeAsync(extraJson: """, "driver_info": {"users": [{"name": "a", "password": "pw1"}]}""");

        Assert.Equal("""[{"name":"a","password":"******"}]""", node["driver_info"]!["users"]!.ToJsonString());
    }
}
