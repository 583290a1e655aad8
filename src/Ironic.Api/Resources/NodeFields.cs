using Ironic.Drivers.Objects;
using static Ironic.Api.Resources.FieldAccess;
using static Ironic.Api.Versioning.Microversions;

namespace Ironic.Api.Resources;

/// <summary>The API rules of a node's fields: which microversion shows each, and which are the service's own.</summary>
public static class NodeFields
{
    public static ResourceCodec<Node> Codec { get; } = new("node",
    [
        new("uuid", Access: CreateOnly),
        new("driver", Mandatory: true),
        new("driver_internal_info", DriverInternalInfo, Internal),
        new("name", NodeName),
        new("instance_uuid"),
        new("power_state", Access: Internal),
        new("target_power_state", Access: Internal),
        new("provision_state", Access: Internal),
        new("target_provision_state", Access: Internal),
        new("provision_updated_at", Access: Internal),
        new("last_error", Access: Internal),
        new("maintenance_reason", Access: Internal),
        new("console_enabled", Access: Internal),
        new("reservation", Access: Internal),
        new("inspection_started_at", Inspection, Internal),
        new("inspection_finished_at", Inspection, Internal),
        new("clean_step", CleanStep, Internal),
        new("raid_config", RaidConfig, Internal),
        new("target_raid_config", RaidConfig, Internal),
        new("network_interface", NetworkInterface),
        new("resource_class", ResourceClass),
        new("boot_interface", DynamicInterfaces),
        new("console_interface", DynamicInterfaces),
        new("deploy_interface", DynamicInterfaces),
        new("inspect_interface", DynamicInterfaces),
        new("management_interface", DynamicInterfaces),
        new("power_interface", DynamicInterfaces),
        new("raid_interface", DynamicInterfaces),
        new("vendor_interface", DynamicInterfaces),
        new("storage_interface", StorageInterface),
        new("traits", Traits, Internal),
        new("rescue_interface", RescueInterface),
        new("bios_interface", BiosInterface),
        new("fault", Fault, Internal),
        new("deploy_step", DeployStep, Internal),
        new("conductor_group", ConductorGroup),
        new("automated_clean", AutomatedClean),
        new("protected", Protected),
        new("protected_reason", Protected),
        new("conductor", Conductor, Internal),
        new("owner", Owner),
        new("description", Description),
        new("allocation_uuid", Allocation, Internal),
        new("retired", Retired),
        new("retired_reason", Retired),
        new("lessee", Lessee),
        new("network_data", NetworkData),

        // Fields of later microversions than this service serves stay hidden.
        new("boot_mode", 75, Internal),
        new("secure_boot", 75, Internal),
        new("shard", 82),
        new("parent_node", 83),
        new("firmware_interface", 86),
        new("service_step", 87, Internal),
        new("created_at", Access: Internal),
        new("updated_at", Access: Internal),
    ]);

    /// <summary>Fields a plain (non-detail) node list shows.</summary>
    public static readonly string[] ListFields = ["uuid", "name", "instance_uuid", "power_state", "provision_state", "maintenance"];

    /// <summary>Dictionary and list fields cannot be sort keys.</summary>
    public static readonly IReadOnlySet<string> Unsortable = new HashSet<string>
    {
        "properties", "driver_info", "extra", "instance_info", "driver_internal_info", "clean_step", "deploy_step",
        "service_step", "raid_config", "target_raid_config", "traits", "network_data", "conductor",
    };
}
