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

/// <summary><c>/v1/portgroups</c> (API 1.23 and later): bonded groups of a node's ports.</summary>
public static class PortgroupsApi
{
    private const string DefaultMode = "active-backup";

    public static IEndpointRouteBuilder MapPortgroupsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/portgroups").AddEndpointFilter(async (ctx, next) =>
        {
            // Before 1.23 the resource does not exist, and Ironic answers 404.
            if (!ctx.HttpContext.ApiVersion().AtLeast(Microversions.Portgroups))
            {
                throw new NotFound("Resource could not be found.");
            }

            return await next(ctx).ConfigureAwait(false);
        });
        g.MapGet("", (HttpContext h, ApiContext api) => ListAsync(h, api, [], false));
        g.MapGet("/detail", (HttpContext h, ApiContext api) => ListAsync(h, api, [], true));
        g.MapGet("/{ident}", GetAsync);
        g.MapPost("", CreateAsync);
        g.MapPatch("/{ident}", PatchAsync);
        g.MapDelete("/{ident}", DeleteAsync);
        g.MapGet("/{ident}/ports", (HttpContext h, ApiContext api, string ident) => PortsForGroupAsync(h, api, ident, false));
        g.MapGet("/{ident}/ports/detail", (HttpContext h, ApiContext api, string ident) => PortsForGroupAsync(h, api, ident, true));
        return app;
    }

    internal static async Task<IResult> ListForNodeAsync(HttpContext http, ApiContext api, string ident, bool detail)
    {
        if (!http.ApiVersion().AtLeast(Microversions.SubResources))
        {
            throw new NotFound("The resource could not be found.");
        }

        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        return await ListAsync(http, api, [Filter.Eq("node_uuid", node.Uuid)], detail).ConfigureAwait(false);
    }

    private static async Task<IResult> PortsForGroupAsync(HttpContext http, ApiContext api, string ident, bool detail)
    {
        var pg = await Lookup.PortgroupAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        return await PortsApi.ListAsync(http, api, [Filter.Eq("portgroup_uuid", pg.Uuid)], detail).ConfigureAwait(false);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiContext api, IReadOnlyList<Filter> scope, bool detail)
    {
        var version = http.ApiVersion();
        var filters = new List<Filter>(scope);
        var q = http.Request.Query;
        if (q["node"].ToString() is { Length: > 0 } nodeIdent)
        {
            filters.Add(Filter.Eq("node_uuid", (await Lookup.NodeAsync(api, nodeIdent, version, http.RequestAborted).ConfigureAwait(false)).Uuid));
        }

        if (q["address"].ToString() is { Length: > 0 } address)
        {
            filters.Add(Filter.Eq("address", Identifiers.RequireMac("address", address)));
        }

        var baseUrl = api.BaseUrl(http);
        return await Collections.ListAsync(http, api, PortgroupFields.Codec, api.Store.Portgroups, "portgroups", PortgroupFields.ListFields,
            PortgroupFields.Unsortable, ["node", "address"], filters, detail, p => p.Uuid, (w, p, fields, full) => Render(p, version, fields, full, baseUrl).WriteTo(w)).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var pg = await Lookup.PortgroupAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        var fields = ListParameters.SingleFields(http.Request, PortgroupFields.Codec);
        return JsonResponse.Ok(Render(pg, version, fields, fields is null, api.BaseUrl(http)));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiContext api)
    {
        var version = http.ApiVersion();
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var pg = PortgroupFields.Codec.FromCreateBody(body, version, new Portgroup { Uuid = Guid.NewGuid().ToString("D"), Mode = DefaultMode });
        pg.Uuid = Identifiers.RequireUuid("uuid", pg.Uuid);
        pg.Mode ??= DefaultMode;
        await ValidateAsync(api, pg, null, PortgroupFields.Codec.VisibleFields(version).ToHashSet(), http.RequestAborted).ConfigureAwait(false);
        var created = await api.Conductor.CreatePortgroupAsync(pg, http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        return JsonResponse.Created(Render(created, version, null, true, baseUrl), $"{baseUrl}/v1/portgroups/{created.Uuid}");
    }

    private static async Task<IResult> PatchAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var pg = await Lookup.PortgroupAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        var patch = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var (patched, changed) = PortgroupFields.Codec.ApplyPatch(pg, patch, version);
        await ValidateAsync(api, patched, ident, changed.ToHashSet(), http.RequestAborted).ConfigureAwait(false);
        var updated = changed.Count == 0 ? pg : await api.Conductor.UpdatePortgroupAsync(patched, changed, http.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(Render(updated, version, null, true, api.BaseUrl(http)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ApiContext api, string ident)
    {
        var pg = await Lookup.PortgroupAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        await api.Conductor.DestroyPortgroupAsync(pg.Uuid, http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static JsonObject Render(Portgroup pg, ApiVersion version, IReadOnlyCollection<string>? fields, bool full, string baseUrl)
    {
        var o = PortgroupFields.Codec.ToJson(pg, version, fields);
        o["links"] = Links.Pair(baseUrl, $"portgroups/{pg.Uuid}");
        if (full)
        {
            o["ports"] = Links.Pair(baseUrl, $"portgroups/{pg.Uuid}/ports");
        }

        return o;
    }

    private static async Task ValidateAsync(ApiContext api, Portgroup pg, string? ident, IReadOnlySet<string> fields, CancellationToken ct)
    {
        if (fields.Contains("address") && pg.Address is not null)
        {
            pg.Address = Identifiers.RequireMac("address", pg.Address);
        }

        if (fields.Contains("name") && pg.Name is not null
            && (Identifiers.IsUuidLike(pg.Name) || !Identifiers.IsValidLogicalName(pg.Name, hostnameRules: false)))
        {
            throw new Invalid(ident is null
                ? $"Cannot create portgroup with invalid name '{pg.Name}'"
                : $"Portgroup {ident}: Cannot change name to invalid name '{pg.Name}'");
        }

        if (fields.Contains("mode") && pg.Mode is null)
        {
            throw new Invalid("'mode' is a mandatory attribute and can not be removed");
        }

        if (fields.Contains("node_uuid"))
        {
            pg.NodeUuid = Identifiers.RequireUuid("node_uuid", pg.NodeUuid);
            _ = await api.Store.Nodes.GetAsync("uuid", pg.NodeUuid, ct).ConfigureAwait(false)
                ?? throw ApiErrors.Referenced(new NodeNotFound(pg.NodeUuid));
        }
    }
}
