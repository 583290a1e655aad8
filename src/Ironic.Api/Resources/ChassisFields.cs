using Ironic.Drivers.Objects;
using static Ironic.Api.Resources.FieldAccess;

namespace Ironic.Api.Resources;

/// <summary>The API rules of a chassis's fields.</summary>
public static class ChassisFields
{
    public static ResourceCodec<Chassis> Codec { get; } = new("chassis",
    [
        new("uuid", Access: CreateOnly),
        new("created_at", Access: Internal),
        new("updated_at", Access: Internal),
    ]);

    public static readonly string[] ListFields = ["uuid", "description"];

    public static readonly IReadOnlySet<string> Unsortable = new HashSet<string> { "extra" };
}
