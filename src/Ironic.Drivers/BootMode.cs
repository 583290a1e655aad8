using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace Ironic.Drivers;

/// <summary>Boot modes as Ironic names them (node <c>boot_mode</c>, <c>PUT .../states/boot_mode</c>), and the one a node deploys in.</summary>
public static class BootMode
{
    public const string Uefi = "uefi";
    public const string Bios = "bios";

    public static readonly IReadOnlyList<string> All = [Uefi, Bios];

    /// <summary>
    /// The boot mode the node asks to deploy in (Ironic's <c>get_boot_mode_for_deploy</c>), lower-cased, or null:
    /// <c>uefi</c> when instance_info capabilities ask for secure boot, else the first of instance_info capabilities
    /// <c>boot_mode</c>, instance_info <c>deploy_boot_mode</c>, properties capabilities <c>boot_mode</c>,
    /// driver_internal_info <c>deploy_boot_mode</c>. A mode that contradicts properties capabilities throws
    /// <see cref="InvalidParameterValue"/>, as do malformed instance_info capabilities.
    /// </summary>
    public static string? ForDeploy(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var instance = NodeCapabilities.FromInstanceInfo(node);
        if (string.Equals(instance.GetValueOrDefault("secure_boot"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return Uefi;
        }

        var capability = NodeCapabilities.Get(node, "boot_mode")?.ToLowerInvariant();
        var mode = (instance.GetValueOrDefault("boot_mode")
            ?? Text(node.InstanceInfo, "deploy_boot_mode")
            ?? capability
            ?? Text(node.DriverInternalInfo, "deploy_boot_mode"))?.ToLowerInvariant();
        if (mode is not null && capability is not null && capability != mode)
        {
            throw new InvalidParameterValue($"Node {node.Uuid} boot mode {mode} violates node properties/capabilities {capability}");
        }

        return mode;
    }

    /// <summary>
    /// The boot mode the node deploys in (Ironic's <c>get_boot_mode</c>): <see cref="ForDeploy"/>, else
    /// <paramref name="defaultMode"/> (a plugin passes its <c>[deploy] default_boot_mode</c>).
    /// </summary>
    public static string Resolve(Node node, string defaultMode) => ForDeploy(node) ?? defaultMode;

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
