using Ironic.Api.Versioning;
using Ironic.Common.Validation;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Api.Endpoints;

/// <summary>Finds resources by the identifiers clients put in URLs (UUID, or a logical name where allowed).</summary>
internal static class Lookup
{
    public static async Task<Node> NodeAsync(ApiContext api, string ident, ApiVersion version, CancellationToken ct)
    {
        Node? node = null;
        if (Identifiers.IsUuidLike(ident))
        {
            node = await api.Store.Nodes.GetAsync("uuid", Identifiers.NormalizeUuid(ident), ct).ConfigureAwait(false);
        }
        else if (!Identifiers.IsValidLogicalName(ident, hostnameRules: false))
        {
            throw new Invalid($"Expected UUID or name for node: {ident}");
        }
        else if (version.AtLeast(Microversions.NodeName))
        {
            // Before 1.5 there are no names, so a name simply finds nothing.
            node = await api.Store.Nodes.GetAsync("name", ident, ct).ConfigureAwait(false);
        }

        return node ?? throw new NodeNotFound(ident);
    }

    public static async Task<Port> PortAsync(ApiContext api, string ident, CancellationToken ct) =>
        await api.Store.Ports.GetAsync("uuid", Identifiers.RequireUuid("port_uuid", ident), ct).ConfigureAwait(false)
            ?? throw new PortNotFound(ident);

    public static async Task<Portgroup> PortgroupAsync(ApiContext api, string ident, CancellationToken ct)
    {
        Portgroup? pg;
        if (Identifiers.IsUuidLike(ident))
        {
            pg = await api.Store.Portgroups.GetAsync("uuid", Identifiers.NormalizeUuid(ident), ct).ConfigureAwait(false);
        }
        else if (!Identifiers.IsValidLogicalName(ident, hostnameRules: false))
        {
            throw new Invalid($"Expected UUID or name for portgroup: {ident}");
        }
        else
        {
            pg = await api.Store.Portgroups.GetAsync("name", ident, ct).ConfigureAwait(false);
        }

        return pg ?? throw new PortgroupNotFound(ident);
    }

    public static async Task<Chassis> ChassisAsync(ApiContext api, string ident, CancellationToken ct) =>
        await api.Store.Chassis.GetAsync("uuid", Identifiers.RequireUuid("chassis_uuid", ident), ct).ConfigureAwait(false)
            ?? throw new ChassisNotFound(ident);
}
