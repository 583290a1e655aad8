using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Listing;
using Ironic.Api.Resources;
using Ironic.Api.Versioning;
using Ironic.Common.Validation;
using Ironic.Data;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary><c>/v1/ports</c>: a node's network interfaces, identified by MAC address.</summary>
public static class PortsApi
{
    private static readonly string[] FilterNames = ["node", "node_uuid", "address", "portgroup"];

    private static readonly HashSet<string> LocalLinkKeys = ["switch_id", "port_id", "switch_info", "hostname", "network_type"];

    public static IEndpointRouteBuilder MapPortsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/ports");
        g.MapGet("", (HttpContext h, ApiContext api) => ListAsync(h, api, [], false));
        g.MapGet("/detail", (HttpContext h, ApiContext api) => ListAsync(h, api, [], true));
        g.MapGet("/{ident}", GetAsync);
        g.MapPost("", CreateAsync);
        g.MapPatch("/{ident}", PatchAsync);
        g.MapDelete("/{ident}", DeleteAsync);
        return app;
    }

    internal static async Task<IResult> ListForNodeAsync(HttpContext http, ApiContext api, string ident, bool detail)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        return await ListAsync(http, api, [Filter.Eq("node_uuid", node.Uuid)], detail).ConfigureAwait(false);
    }

    internal static async Task<IResult> ListAsync(HttpContext http, ApiContext api, IReadOnlyList<Filter> scope, bool detail)
    {
        var version = http.ApiVersion();
        var filters = new List<Filter>(scope);
        var q = http.Request.Query;
        if (q["node"].ToString() is { Length: > 0 } nodeIdent)
        {
            filters.Add(Filter.Eq("node_uuid", (await Lookup.NodeAsync(api, nodeIdent, version, http.RequestAborted).ConfigureAwait(false)).Uuid));
        }

        if (q["node_uuid"].ToString() is { Length: > 0 } nodeUuid)
        {
            filters.Add(Filter.Eq("node_uuid", Identifiers.RequireUuid("node_uuid", nodeUuid)));
        }

        if (q["address"].ToString() is { Length: > 0 } address)
        {
            filters.Add(Filter.Eq("address", Identifiers.RequireMac("address", address)));
        }

        if (q["portgroup"].ToString() is { Length: > 0 } pgIdent)
        {
            if (!version.AtLeast(Microversions.SubResources))
            {
                throw ApiErrors.NotAcceptable();
            }

            filters.Add(Filter.Eq("portgroup_uuid", (await Lookup.PortgroupAsync(api, pgIdent, http.RequestAborted).ConfigureAwait(false)).Uuid));
        }

        var baseUrl = api.BaseUrl(http);
        return await Collections.ListAsync(http, api, PortFields.Codec, api.Store.Ports, "ports", PortFields.ListFields,
            PortFields.Unsortable, FilterNames, filters, detail, p => p.Uuid, (w, p, fields, _) => Render(p, version, fields, baseUrl).WriteTo(w)).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var port = await Lookup.PortAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(Render(port, version, ListParameters.SingleFields(http.Request, PortFields.Codec), api.BaseUrl(http)));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiContext api)
    {
        var version = http.ApiVersion();
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var port = PortFields.Codec.FromCreateBody(body, version, new Port { Uuid = Guid.NewGuid().ToString("D") });
        port.Uuid = Identifiers.RequireUuid("uuid", port.Uuid);
        await ValidateAsync(api, port, PortFields.Codec.VisibleFields(version).ToHashSet(), http.RequestAborted).ConfigureAwait(false);
        var created = await api.Conductor.CreatePortAsync(port, http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        return JsonResponse.Created(Render(created, version, null, baseUrl), $"{baseUrl}/v1/ports/{created.Uuid}");
    }

    private static async Task<IResult> PatchAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var port = await Lookup.PortAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        var patch = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var (patched, changed) = PortFields.Codec.ApplyPatch(port, patch, version);
        await ValidateAsync(api, patched, changed.ToHashSet(), http.RequestAborted).ConfigureAwait(false);
        var updated = changed.Count == 0 ? port : await api.Conductor.UpdatePortAsync(patched, changed, http.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(Render(updated, version, null, api.BaseUrl(http)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ApiContext api, string ident)
    {
        var port = await Lookup.PortAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        await api.Conductor.DestroyPortAsync(port.Uuid, http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static JsonObject Render(Port port, ApiVersion version, IReadOnlyCollection<string>? fields, string baseUrl)
    {
        var o = PortFields.Codec.ToJson(port, version, fields);
        o["links"] = Links.Pair(baseUrl, $"ports/{port.Uuid}");
        return o;
    }

    private static async Task ValidateAsync(ApiContext api, Port port, IReadOnlySet<string> fields, CancellationToken ct)
    {
        if (fields.Contains("address"))
        {
            port.Address = Identifiers.RequireMac("address", port.Address);
        }

        if (fields.Contains("node_uuid"))
        {
            port.NodeUuid = Identifiers.RequireUuid("node_uuid", port.NodeUuid);
            _ = await api.Store.Nodes.GetAsync("uuid", port.NodeUuid, ct).ConfigureAwait(false)
                ?? throw ApiErrors.Referenced(new NodeNotFound(port.NodeUuid));
        }

        if (fields.Contains("portgroup_uuid") && port.PortgroupUuid is not null)
        {
            port.PortgroupUuid = Identifiers.RequireUuid("portgroup_uuid", port.PortgroupUuid);
            _ = await api.Store.Portgroups.GetAsync("uuid", port.PortgroupUuid, ct).ConfigureAwait(false)
                ?? throw ApiErrors.Referenced(new PortgroupNotFound(port.PortgroupUuid));
        }

        if (fields.Contains("physical_network") && port.PhysicalNetwork is not null)
        {
            if (port.PhysicalNetwork.Length == 0)
            {
                throw new Invalid("A non-empty value is required when setting physical_network");
            }

            if (port.PhysicalNetwork.Length > 64)
            {
                throw ApiErrors.Schema("port", $"'{port.PhysicalNetwork}' is too long");
            }
        }

        if (fields.Contains("local_link_connection"))
        {
            var unknown = port.LocalLinkConnection.Select(kv => kv.Key).Where(k => !LocalLinkKeys.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new Invalid($"Invalid local_link_connection key(s): {string.Join(", ", unknown)}. " +
                    $"Allowed keys are {string.Join(", ", LocalLinkKeys.Order(StringComparer.Ordinal))}.");
            }
        }
    }
}
