using Ironic.Drivers.Objects;
using static Ironic.Api.Resources.FieldAccess;
using static Ironic.Api.Versioning.Microversions;

namespace Ironic.Api.Resources;

/// <summary>The API rules of a portgroup's fields (the resource itself appeared in 1.23).</summary>
public static class PortgroupFields
{
    public static ResourceCodec<Portgroup> Codec { get; } = new("portgroup",
    [
        new("uuid", Access: CreateOnly),
        new("node_uuid", Mandatory: true),
        new("internal_info", Access: Internal),
        // Shown from 1.23 with the resource, writable from 1.26.
        new("mode", WriteVersion: PortgroupModeProperties),
        new("properties", WriteVersion: PortgroupModeProperties),
        new("created_at", Access: Internal),
        new("updated_at", Access: Internal),
    ]);

    public static readonly string[] ListFields = ["uuid", "address", "name"];

    public static readonly IReadOnlySet<string> Unsortable = new HashSet<string> { "extra", "internal_info", "properties" };
}
