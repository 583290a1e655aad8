using System.Text.Json.Nodes;
using Ironic.Api.Listing;
using Ironic.Api.Resources;
using Ironic.Api.Versioning;
using Ironic.Common.Validation;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Api.Endpoints;

/// <summary>A node as the API shows it: version-filtered fields, secrets masked, links added.</summary>
internal static class NodeView
{
    public static JsonObject Render(Node node, ApiVersion version, IReadOnlyCollection<string>? fields, bool full, string baseUrl,
        ConductorLookup conductors)
    {
        if (fields is null || fields.Contains("conductor"))
        {
            node.Conductor = conductors.For(node);
        }

        var o = NodeFields.Codec.ToJson(node, version, fields);
        if (o["driver_info"] is JsonObject driverInfo)
        {
            o["driver_info"] = Secrets.MaskCopy(driverInfo);
        }

        if (o["instance_info"] is JsonObject instanceInfo)
        {
            o["instance_info"] = Secrets.MaskCopy(instanceInfo);
        }

        // States renamed by later microversions are shown under their old names to old clients.
        if (o["provision_state"] is JsonValue state)
        {
            var name = state.GetValue<string>();
            if (name == ProvisionState.Available && !version.AtLeast(2))
            {
                o["provision_state"] = null;
            }
            else if (name == ProvisionState.InspectWait && !version.AtLeast(39))
            {
                o["provision_state"] = ProvisionState.Inspecting;
            }
        }

        o["links"] = Links.Pair(baseUrl, $"nodes/{node.Uuid}");
        if (full)
        {
            o["ports"] = Links.Pair(baseUrl, $"nodes/{node.Uuid}/ports");
            o["states"] = Links.Pair(baseUrl, $"nodes/{node.Uuid}/states");
            if (version.AtLeast(Microversions.SubResources))
            {
                o["portgroups"] = Links.Pair(baseUrl, $"nodes/{node.Uuid}/portgroups");
            }
        }

        return o;
    }
}
