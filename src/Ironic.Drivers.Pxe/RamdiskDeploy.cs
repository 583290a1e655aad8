using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// Deployment that writes nothing to disk (Ironic's <c>ramdisk</c>): the instance is the kernel and
/// ramdisk (or ISO) in instance_info, booted from the network by the boot interface on every boot.
/// No agent runs, so the node is <c>active</c> as soon as it is powered on.
/// </summary>
[HardwareInterface(Name)]
public sealed partial class RamdiskDeploy : DeployInterface
{
    public const string Name = "ramdisk";

    // Ironic's provision state after tear down; the contract's ProvisionState has no constant for it.
    private const string Deleted = "deleted";

    // Boot interfaces that can boot an instance ramdisk (Ironic's `ramdisk_boot` capability); the
    // contract has no capabilities yet, so they are known by name.
    private static readonly string[] RamdiskBootInterfaces =
        [PxeBoot.Name, IpxeBoot.Name, "redfish-virtual-media", "redfish-https", "ilo-virtual-media", "ilo-pxe", "ilo-ipxe",
         "idrac-redfish-virtual-media", "irmc-virtual-media", "irmc-pxe"];

    private readonly ILogger logger;

    public RamdiskDeploy(IDriverServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        logger = services.LoggerFactory.CreateLogger<RamdiskDeploy>();
    }

    public override async Task ValidateAsync(ITaskContext task, CancellationToken ct)
    {
        var boot = task.Driver.Boot;
        if (boot is not (PxeBoot or IpxeBoot) && !RamdiskBootInterfaces.Contains(task.Node.BootInterface))
        {
            throw new InvalidParameterValue("Invalid configuration: The boot interface must have the `ramdisk_boot` capability. " +
                "You are using an incompatible boot interface.");
        }

        await boot.ValidateAsync(task, ct).ConfigureAwait(false);
        NodeCapabilities.Validate(task.Node);
    }

    /// <summary>Powers the node off and attaches its volumes before the deploy steps, as Ironic's ramdisk deploy does.</summary>
    public override async Task PrepareAsync(ITaskContext task, CancellationToken ct)
    {
        if (task.Node.ProvisionState == ProvisionState.Deploying)
        {
            await task.Driver.Network.ValidateAsync(task, ct).ConfigureAwait(false);
            await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
            await task.Driver.Storage.AttachVolumesAsync(task, ct).ConfigureAwait(false);
        }
        else if (task.Node.ProvisionState is ProvisionState.Active or ProvisionState.Unrescuing)
        {
            // Another conductor took the node over, or it leaves rescue: its boot files must be here.
            await task.Driver.Boot.PrepareInstanceAsync(task, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The <c>deploy</c> deploy step (priority 100), as in Ironic: done as soon as the node is powered on.</summary>
    [DeployStep(Priority = 100)]
    public async Task<StepOutcome> DeployAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        if (task.Node.InstanceInfo.ContainsKey("configdrive"))
        {
            LogConfigDriveIgnored(logger, task.Node.Uuid, task.Node.BootInterface ?? "");
        }

        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        // The tenant network must reach the boot location before the instance boots from it.
        await task.Driver.Network.ConfigureTenantNetworksAsync(task, ct).ConfigureAwait(false);
        await task.Driver.Boot.PrepareInstanceAsync(task, ct).ConfigureAwait(false);
        await task.NodePowerActionAsync(PowerState.On, ct).ConfigureAwait(false);
        LogDeployed(logger, task.Node.Uuid);
        return StepOutcome.Done;
    }

    /// <summary>
    /// Powers the node off, detaches its volumes, takes it off the tenant network and removes its instance boot
    /// files; the node is then <c>deleted</c> (cleaning follows).
    /// </summary>
    public override async Task<string?> TearDownAsync(ITaskContext task, CancellationToken ct)
    {
        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        await task.Driver.Storage.DetachVolumesAsync(task, ct).ConfigureAwait(false);
        await task.Driver.Network.UnconfigureTenantNetworksAsync(task, ct).ConfigureAwait(false);
        await task.Driver.Boot.CleanUpInstanceAsync(task, ct).ConfigureAwait(false);
        return Deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ramdisk deployment of node {Node} done")]
    private static partial void LogDeployed(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "A configuration drive is present in the ramdisk deployment request of node {Node} with boot interface {Boot}; it is ignored")]
    private static partial void LogConfigDriveIgnored(ILogger logger, string node, string boot);
}
