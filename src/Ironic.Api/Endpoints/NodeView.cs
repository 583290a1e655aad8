using System.Buffers;
using System.Text.Json;
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
    /// <summary>The node as a JSON object (one node's answer); lists use <see cref="Write"/>.</summary>
    public static JsonObject Render(Node node, ApiVersion version, IReadOnlyCollection<string>? fields, bool full, string baseUrl,
        ConductorLookup conductors)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node, version, fields, full, baseUrl, conductors);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>Writes the node straight to <paramref name="writer"/>: no tree and no copies of its dictionaries.</summary>
    public static void Write(Utf8JsonWriter writer, Node node, ApiVersion version, IReadOnlyCollection<string>? fields, bool full,
        string baseUrl, ConductorLookup conductors)
    {
        if (fields is null || fields.Contains("conductor"))
        {
            node.Conductor = conductors.For(node);
        }

        writer.WriteStartObject();
        NodeFields.Codec.WriteProperties(writer, node, version, fields, (w, name, value) => WriteSpecial(w, name, value, version));
        Links.WritePair(writer, "links", baseUrl, $"nodes/{node.Uuid}");
        if (full)
        {
            Links.WritePair(writer, "ports", baseUrl, $"nodes/{node.Uuid}/ports");
            Links.WritePair(writer, "states", baseUrl, $"nodes/{node.Uuid}/states");
            if (version.AtLeast(Microversions.SubResources))
            {
                Links.WritePair(writer, "portgroups", baseUrl, $"nodes/{node.Uuid}/portgroups");
            }
        }

        writer.WriteEndObject();
    }

    private static bool WriteSpecial(Utf8JsonWriter writer, string name, object? value, ApiVersion version)
    {
        switch (name, value)
        {
            case ("driver_info" or "instance_info" or "driver_internal_info", JsonObject secrets):
                writer.WritePropertyName(name);
                Secrets.WriteMasked(writer, secrets);
                return true;

            // States renamed by later microversions are shown under their old names to old clients.
            case ("provision_state", ProvisionState.Available) when !version.AtLeast(2):
                writer.WriteNull(name);
                return true;
            case ("provision_state", ProvisionState.InspectWait) when !version.AtLeast(39):
                writer.WriteString(name, ProvisionState.Inspecting);
                return true;
            default:
                return false;
        }
    }
}
