using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// The images a node boots (Ironic's <c>pxe_utils.parse_driver_info</c> and
/// <c>get_image_instance_info</c>): the deploy or rescue kernel and ramdisk, and the instance's,
/// with Ironic's messages for what is missing.
/// </summary>
internal sealed class NodeImages(PxeOptions options)
{
    // Ironic's rescue-like states: the rescue kernel and ramdisk boot there.
    private static readonly string[] RescueStates =
        [ProvisionState.Rescuing, ProvisionState.RescueWait, ProvisionState.RescueFailed, ProvisionState.Unrescuing, ProvisionState.UnrescueFailed];

    /// <summary><c>rescue</c> in a rescue-like state, else <c>deploy</c>.</summary>
    public static string Mode(Node node) => RescueStates.Contains(node.ProvisionState) ? "rescue" : "deploy";

    /// <summary>True when the node's deploy interface boots the instance from the network (<c>ramdisk</c>).</summary>
    public static bool IsRamdiskDeploy(ITaskContext task) =>
        task.Node.DeployInterface is { } name ? name == RamdiskDeploy.Name : task.Driver.Deploy is RamdiskDeploy;

    /// <summary>
    /// The deploy (or rescue) kernel and ramdisk from driver_info, else from <c>[conductor]</c>
    /// (never one from each: that is a mistake). A ramdisk deploy without cleaning needs none.
    /// </summary>
    public Dictionary<string, string> Deploy(ITaskContext task, string mode)
    {
        var node = task.Node;
        if (mode == "deploy" && IsRamdiskDeploy(task) && !CleaningEnabled(node))
        {
            return [];
        }

        var (kernelKey, ramdiskKey) = ($"{mode}_kernel", $"{mode}_ramdisk");
        var info = new Dictionary<string, string?>
        {
            [kernelKey] = JsonFields.String(node.DriverInfo, kernelKey),
            [ramdiskKey] = JsonFields.String(node.DriverInfo, ramdiskKey),
        };
        if (info.Values.All(v => v is null))
        {
            info[kernelKey] = mode == "deploy" ? options.ConductorDeployKernel : options.ConductorRescueKernel;
            info[ramdiskKey] = mode == "deploy" ? options.ConductorDeployRamdisk : options.ConductorRescueRamdisk;
        }

        CheckMissing(info, "Cannot validate PXE bootloader. Some parameters were missing in node's driver_info and configuration");
        return info.ToDictionary(kv => kv.Key, kv => kv.Value!);
    }

    public Dictionary<string, string> TryDeploy(ITaskContext task)
    {
        try
        {
            return Deploy(task, "deploy");
        }
        catch (MissingParameterValue)
        {
            // The instance entry does not need them; the deploy entry is then left empty.
            return [];
        }
    }

    /// <summary>The instance's <c>kernel</c> and <c>ramdisk</c>, or its <c>boot_iso</c>, from instance_info.</summary>
    public static Dictionary<string, string> Instance(Node node)
    {
        var info = node.InstanceInfo;
        if (JsonFields.String(info, "boot_iso") is { } iso)
        {
            if (JsonFields.HasValue(info, "image_source"))
            {
                throw new InvalidParameterValue("An 'image_source' and 'boot_iso' parameter may not be specified at the same time.");
            }

            return new Dictionary<string, string> { ["boot_iso"] = iso };
        }

        var images = new Dictionary<string, string?> { ["kernel"] = JsonFields.String(info, "kernel"), ["ramdisk"] = JsonFields.String(info, "ramdisk") };
        CheckMissing(images, $"Cannot validate image information for node {node.Uuid} because one or more parameters are missing " +
            "from its instance_info and insufficient information is present to boot from a remote volume");
        return images.ToDictionary(kv => kv.Key, kv => kv.Value!);
    }

    private bool CleaningEnabled(Node node) => node.AutomatedClean ?? options.AutomatedClean;

    private static void CheckMissing(Dictionary<string, string?> info, string message)
    {
        var missing = info.Where(kv => string.IsNullOrEmpty(kv.Value)).Select(kv => $"'{kv.Key}'").ToList();
        if (missing.Count > 0)
        {
            // Python's list notation, as in Ironic's message.
            throw new MissingParameterValue($"{message}. Missing are: [{string.Join(", ", missing)}]");
        }
    }
}
