using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Listing;
using Ironic.Api.Versioning;
using Ironic.Common.Json;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// <c>/v1/nodes/{node}/bios</c> (1.40): the BIOS settings the conductor last cached from the node's BIOS
/// interface; from 1.74 with the registry fields (<c>?detail=true</c>) and <c>?fields</c>.
/// </summary>
public static class NodeBiosApi
{
    private static readonly string[] RegistryFields =
        ["attribute_type", "allowable_values", "lower_bound", "max_length", "min_length", "read_only", "reset_required", "unique", "upper_bound"];

    private static readonly string[] DefaultFields = ["name", "value"];

    public static IEndpointRouteBuilder MapNodeBiosApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/nodes/{ident}/bios", ListAsync);
        app.MapGet("/v1/nodes/{ident}/bios/{name}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = Require(http);
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        var q = http.Request.Query;
        ListParameters.OnlyAllow(q, ["detail", "fields"]);
        bool? detail = q["detail"].ToString() is { Length: > 0 } d ? QueryBool.Parse("detail", d) : null;
        var rawFields = q.ContainsKey("fields") ? q["fields"].ToString() : null;
        var registry = version.AtLeast(Microversions.BiosRegistry);
        if (detail is not null && !registry)
        {
            throw new InvalidParameterValue($"Invalid query parameter ?detail={q["detail"]} received.");
        }

        if (rawFields is not null && !registry)
        {
            throw new InvalidParameterValue($"Invalid query parameter ?fields={rawFields} received.");
        }

        if (rawFields is not null && detail == true)
        {
            throw new InvalidParameterValue("Can not specify ?detail=True and fields in the same request.");
        }

        IReadOnlyList<string> fields = detail == true ? [.. DefaultFields, .. RegistryFields]
            : rawFields is null ? DefaultFields
            : [.. rawFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];
        var unknown = fields.Where(f => !DefaultFields.Contains(f) && !RegistryFields.Contains(f) && f is not ("created_at" or "updated_at")).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidParameterValue($"Field(s) \"{string.Join(", ", unknown)}\" are not valid");
        }

        var settings = await api.Store.BiosSettings.ListAsync(node.Uuid, ct: http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        return JsonResponse.Ok(new JsonObject
        {
            ["bios"] = new JsonArray([.. settings.Select(s => (JsonNode)Render(s, fields, baseUrl, ident))]),
        });
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string ident, string name)
    {
        var version = Require(http);
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        ListParameters.OnlyAllow(http.Request.Query, []);
        var setting = (await api.Store.BiosSettings.ListAsync(node.Uuid, name, http.RequestAborted).ConfigureAwait(false)).FirstOrDefault()
            ?? throw new NotFound($"Node {node.Uuid} doesn't have a BIOS setting '{name}'");
        IReadOnlyList<string> fields = version.AtLeast(Microversions.BiosRegistry) ? [.. DefaultFields, .. RegistryFields] : DefaultFields;
        return JsonResponse.Ok(new JsonObject { [name] = Render(setting, fields, api.BaseUrl(http), node.Uuid) });
    }

    private static ApiVersion Require(HttpContext http)
    {
        var version = http.ApiVersion();
        return version.AtLeast(Microversions.BiosInterface) ? version : throw new NotFound("The resource could not be found.");
    }

    private static JsonObject Render(BiosSetting s, IReadOnlyList<string> fields, string baseUrl, string nodeRef)
    {
        var o = new JsonObject
        {
            ["created_at"] = IsoTimestampConverter.Format(s.CreatedAt),
            ["updated_at"] = s.UpdatedAt is { } u ? IsoTimestampConverter.Format(u) : null,
        };
        foreach (var field in fields)
        {
            o[field] = field switch
            {
                "name" => s.Name,
                "value" => s.Value,
                "created_at" or "updated_at" => o[field]?.DeepClone(),
                // A list field shows [] rather than null, as Ironic's objects do.
                "allowable_values" => s.Registry[field]?.DeepClone() ?? new JsonArray(),
                _ => s.Registry[field]?.DeepClone(),
            };
        }

        o["links"] = Links.Pair(baseUrl, $"nodes/{nodeRef}/bios/{s.Name}");
        return o;
    }
}
