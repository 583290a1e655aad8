namespace Ironic.Drivers.Pxe;

/// <summary>The driver_info keys the network boot interfaces read (Ironic's <c>pxe_base.COMMON_PROPERTIES</c>).</summary>
internal static class PxeProperties
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["deploy_kernel"] = "The kernel of the deploy ramdisk: a URL or an absolute path on the conductor. Required.",
        ["deploy_ramdisk"] = "The deploy ramdisk (initrd) booted with deploy_kernel: a URL or an absolute path on the conductor. Required.",
        ["rescue_kernel"] = "The kernel of the rescue ramdisk. Required for rescue mode.",
        ["rescue_ramdisk"] = "The rescue ramdisk booted with rescue_kernel. Required for rescue mode.",
        ["kernel_append_params"] = "Extra kernel command line arguments for the ramdisk and instance; %default% stands for " +
            "[pxe]kernel_append_params, which applies when this is unset. Optional.",
        ["force_persistent_boot_device"] = "Persistence of boot device changes: 'Always' makes every change persistent, 'Never' none, " +
            "'Default' all but the final one of a deployment. Defaults to 'Default'. Optional.",
    };
}
