using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// An <c>ironic all</c> of its own set up for agent deploys as an operator would (README of ../shared/agent):
/// <c>manual-management</c> nodes with the <c>direct</c> deploy, <c>pxe</c> boot, <c>fake</c> power and
/// <c>noop</c> management; heartbeats every 9-18 s (<c>ramdisk_heartbeat_timeout = 30</c>); the <c>agent</c> inspect
/// interface enabled (by default) with the inspection hooks the fenced agent's inventory allows.
/// </summary>
public sealed class AgentServerFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Host = "acceptance-agent-host";

    public IronicProcess Server { get; private set; } = null!;

    /// <summary>Stand-ins for the deploy kernel and ramdisk: the pxe boot interface only copies them.</summary>
    public string DeployKernel => Path.Combine(Server.StateDir, "deploy.kernel");

    public string DeployRamdisk => Path.Combine(Server.StateDir, "deploy.ramdisk");

    public BaremetalCli Cli(ITestOutputHelper output) => new(Server, output);

    /// <summary>More configuration sections, for a fixture that needs other options.</summary>
    public string ExtraSections { get; init; } = "";

    /// <summary>More <c>[deploy]</c> options.</summary>
    public string ExtraDeployOptions { get; init; } = "";

    public async Task InitializeAsync()
    {
        Server = await IronicProcess.StartAsync(new IronicServerSettings
        {
            Host = Host,
            ExtraDefaultConfig = """
                enabled_hardware_types = manual-management,fake-hardware
                enabled_deploy_interfaces = direct,fake
                enabled_boot_interfaces = pxe,fake
                enabled_power_interfaces = fake
                enabled_management_interfaces = noop,fake
                """,
            // Automated cleaning erases only the disk's metadata (as the agent tests check), not all of it.
            ExtraSections = """
                [api]
                ramdisk_heartbeat_timeout = 30
                [inspector]
                # The fenced agent's only NIC has 127.0.0.1, which Ironic's validate-interfaces rejects as loopback.
                hooks = ramdisk-error,architecture,memory,cpus,root-device
                [deploy]
                erase_devices_priority = 0

                """ + ExtraDeployOptions + "\n" + ExtraSections,
        });
        await File.WriteAllTextAsync(DeployKernel, "kernel");
        await File.WriteAllTextAsync(DeployRamdisk, "ramdisk");
        diagnostics.OnMessage(new DiagnosticMessage(
            $"Acceptance: `ironic all` for agent deploys on {Server.Endpoint} in {Server.StartupTime.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s"));
    }

    /// <summary>Kills the server (SIGKILL) and starts it again on the same database and port, as a conductor crash and restart.</summary>
    public async Task KillAndRestartAsync() => Server = await Server.KillAndRestartAsync();

    public Task DisposeAsync()
    {
        Server?.Dispose();
        return Task.CompletedTask;
    }
}
