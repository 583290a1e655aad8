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

/// <summary><c>/v1/chassis</c>: enclosures grouping nodes. No driver is involved, so no conductor either.</summary>
public static class ChassisApi
{
    public static IEndpointRouteBuilder MapChassisApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/chassis");
        g.MapGet("", (HttpContext h, ApiContext api) => ListAsync(h, api, false));
        g.MapGet("/detail", (HttpContext h, ApiContext api) => ListAsync(h, api, true));
        g.MapGet("/{ident}", GetAsync);
        g.MapPost("", CreateAsync);
        g.MapPatch("/{ident}", PatchAsync);
        g.MapDelete("/{ident}", DeleteAsync);
        g.MapGet("/{ident}/nodes", (HttpContext h, ApiContext api, string ident) => NodesAsync(h, api, ident, false));
        g.MapGet("/{ident}/nodes/detail", (HttpContext h, ApiContext api, string ident) => NodesAsync(h, api, ident, true));
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiContext api, bool detail)
    {
        var version = http.ApiVersion();
        var baseUrl = api.BaseUrl(http);
        return await Collections.ListAsync(http, api, ChassisFields.Codec, api.Store.Chassis, "chassis", ChassisFields.ListFields,
            ChassisFields.Unsortable, [], [], detail, c => c.Uuid, (w, c, fields, full) => Render(c, version, fields, full, baseUrl).WriteTo(w)).ConfigureAwait(false);
    }

    private static async Task<IResult> NodesAsync(HttpContext http, ApiContext api, string ident, bool detail)
    {
        var chassis = await Lookup.ChassisAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        return await NodesApi.ListAsync(http, api, [Filter.Eq("chassis_uuid", chassis.Uuid)], detail).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var chassis = await Lookup.ChassisAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        var fields = ListParameters.SingleFields(http.Request, ChassisFields.Codec);
        return JsonResponse.Ok(Render(chassis, version, fields, fields is null, api.BaseUrl(http)));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiContext api)
    {
        var version = http.ApiVersion();
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var chassis = ChassisFields.Codec.FromCreateBody(body, version, new Chassis { Uuid = Guid.NewGuid().ToString("D") });
        chassis.Uuid = Identifiers.RequireUuid("uuid", chassis.Uuid);
        Validate(chassis);
        chassis.CreatedAt = api.Clock.GetUtcNow();
        await api.Store.Chassis.InsertAsync(chassis, http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        return JsonResponse.Created(Render(chassis, version, null, true, baseUrl), $"{baseUrl}/v1/chassis/{chassis.Uuid}");
    }

    private static async Task<IResult> PatchAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var chassis = await Lookup.ChassisAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        var patch = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var (patched, changed) = ChassisFields.Codec.ApplyPatch(chassis, patch, version);
        patched.Id = chassis.Id;
        Validate(patched);
        if (changed.Count > 0)
        {
            // No conductor lock guards a chassis: a compare-and-set on updated_at keeps a concurrent change.
            patched.UpdatedAt = api.Clock.GetUtcNow();
            if (!await api.Store.Chassis.UpdateIfUnchangedAsync(patched, [.. changed, "updated_at"], chassis.UpdatedAt, http.RequestAborted)
                    .ConfigureAwait(false))
            {
                _ = await Lookup.ChassisAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
                throw new Conflict($"Chassis {chassis.Uuid} was changed by another request while this one was being applied; retry the request.");
            }
        }

        return JsonResponse.Ok(Render(patched, version, null, true, api.BaseUrl(http)));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ApiContext api, string ident)
    {
        var chassis = await Lookup.ChassisAsync(api, ident, http.RequestAborted).ConfigureAwait(false);
        if (await api.Store.Nodes.CountAsync([Filter.Eq("chassis_uuid", chassis.Uuid)], http.RequestAborted).ConfigureAwait(false) > 0)
        {
            throw new Invalid($"Cannot complete the requested action because chassis {chassis.Uuid} contains nodes.");
        }

        await api.Store.Chassis.DeleteWhereAsync("uuid", chassis.Uuid, http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static void Validate(Chassis chassis)
    {
        if (chassis.Description is { Length: > 255 })
        {
            throw ApiErrors.Schema("chassis", $"'{chassis.Description}' is too long");
        }
    }

    private static JsonObject Render(Chassis chassis, ApiVersion version, IReadOnlyCollection<string>? fields, bool full, string baseUrl)
    {
        var o = ChassisFields.Codec.ToJson(chassis, version, fields);
        o["links"] = Links.Pair(baseUrl, $"chassis/{chassis.Uuid}");
        if (full)
        {
            o["nodes"] = Links.Pair(baseUrl, $"chassis/{chassis.Uuid}/nodes");
        }

        return o;
    }
}
