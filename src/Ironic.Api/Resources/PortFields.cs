using Ironic.Drivers.Objects;
using static Ironic.Api.Resources.FieldAccess;
using static Ironic.Api.Versioning.Microversions;

namespace Ironic.Api.Resources;

/// <summary>The API rules of a port's fields.</summary>
public static class PortFields
{
    public static ResourceCodec<Port> Codec { get; } = new("port",
    [
        new("uuid", Access: CreateOnly),
        new("address", Mandatory: true),
        new("node_uuid", Mandatory: true),
        new("internal_info", PortInternalInfo, Internal),
        new("local_link_connection", PortLocalLink),
        new("pxe_enabled", PortLocalLink),
        new("portgroup_uuid", SubResources),
        new("physical_network", PhysicalNetwork),
        new("is_smartnic", SmartNic),
        new("name", 88),
        new("created_at", Access: Internal),
        new("updated_at", Access: Internal),
    ]);

    public static readonly string[] ListFields = ["uuid", "address"];

    public static readonly IReadOnlySet<string> Unsortable = new HashSet<string> { "extra", "internal_info", "local_link_connection" };
}
