using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Listing;
using Ironic.Api.Versioning;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// <c>/v1/drivers</c>: the hardware types that online conductors offer, read from the database as
/// Ironic does, with their default and enabled interfaces and driver_info properties.
/// </summary>
public static class DriversApi
{
    public static IEndpointRouteBuilder MapDriversApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/drivers");
        g.MapGet("", ListAsync);
        g.MapGet("/{name}", GetAsync);
        g.MapGet("/{name}/properties", async (HttpContext h, ApiContext api, string name) =>
            JsonResponse.Ok(ToJson(await api.Conductor.GetDriverPropertiesAsync(await ExistingAsync(api, name, h), h.RequestAborted).ConfigureAwait(false))));
        g.MapGet("/{name}/raid/logical_disk_properties", async (HttpContext h, ApiContext api, string name) =>
        {
            if (!h.ApiVersion().AtLeast(Microversions.RaidConfig))
            {
                throw ApiErrors.NotAcceptable();
            }

            return JsonResponse.Ok(ToJson(await api.Conductor.GetRaidLogicalDiskPropertiesAsync(await ExistingAsync(api, name, h), h.RequestAborted).ConfigureAwait(false)));
        });
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiContext api)
    {
        var q = http.Request.Query;
        var version = http.ApiVersion();
        ListParameters.OnlyAllow(q, ["type", "detail", "fields"]);
        var fields = Fields(q, version);

        var detail = q["detail"].ToString() is { Length: > 0 } d && QueryBool.Parse("detail", d);
        if (detail && fields is not null)
        {
            throw new InvalidParameterValue("Can not specify ?detail=True and fields in the same request.");
        }

        if (q.ContainsKey("detail") && !version.AtLeast(Microversions.DynamicDrivers) || q.ContainsKey("type") && !version.AtLeast(Microversions.DynamicDrivers))
        {
            throw ApiErrors.NotAcceptable();
        }

        var type = q["type"].ToString();
        if (type.Length > 0 && type is not ("classic" or "dynamic"))
        {
            throw new Invalid("\"type\" filter must be one of \"classic\" or \"dynamic\", if specified.");
        }

        var rows = type == "classic" ? [] : await api.Store.Conductors.ListHardwareInterfacesAsync(http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        var drivers = new JsonArray();
        foreach (var group in rows.GroupBy(r => r.HardwareType).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Unlike Ironic, fields may name detail-only fields without ?detail (Ironic would call them invalid).
            drivers.Add(Sanitize(Render(group.Key, [.. group], version, detail || fields is not null, baseUrl), fields));
        }

        return JsonResponse.Ok(new JsonObject { ["drivers"] = drivers });
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string name)
    {
        ListParameters.OnlyAllow(http.Request.Query, ["fields"]);
        var fields = Fields(http.Request.Query, http.ApiVersion());

        var rows = (await api.Store.Conductors.ListHardwareInterfacesAsync(http.RequestAborted).ConfigureAwait(false))
            .Where(r => r.HardwareType == name).ToList();
        return rows.Count == 0
            ? throw new DriverNotFound(name)
            : JsonResponse.Ok(Sanitize(Render(name, rows, http.ApiVersion(), detail: true, api.BaseUrl(http)), fields));
    }

    // 'fields' on drivers exists from 1.77.
    private static IReadOnlyList<string>? Fields(IQueryCollection query, ApiVersion version)
    {
        if (!query.ContainsKey("fields"))
        {
            return null;
        }

        if (!version.AtLeast(Microversions.DriverFields))
        {
            throw ApiErrors.NotAcceptable();
        }

        return [.. query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];
    }

    /// <summary>Keeps the requested fields (and links); a requested field the driver does not have is a 400.</summary>
    private static JsonObject Sanitize(JsonObject driver, IReadOnlyList<string>? fields)
    {
        if (fields is null)
        {
            return driver;
        }

        var invalid = fields.Where(f => !driver.ContainsKey(f)).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidParameterValue($"Field(s) \"{string.Join(", ", invalid)}\" are not valid");
        }

        foreach (var key in driver.Select(kv => kv.Key).ToList())
        {
            if (key != "links" && !fields.Contains(key))
            {
                driver.Remove(key);
            }
        }

        return driver;
    }

    private static JsonObject Render(string name, IReadOnlyList<HardwareInterfaceRecord> rows, ApiVersion version, bool detail, string baseUrl)
    {
        var o = new JsonObject
        {
            ["name"] = name,
            ["hosts"] = new JsonArray([.. rows.Select(r => r.Conductor).Distinct().Order(StringComparer.Ordinal).Select(h => (JsonNode)h)]),
            ["links"] = Links.Pair(baseUrl, $"drivers/{name}"),
        };
        if (version.AtLeast(14))
        {
            o["properties"] = Links.Pair(baseUrl, $"drivers/{name}/properties");
        }

        if (!version.AtLeast(Microversions.DynamicDrivers))
        {
            return o;
        }

        o["type"] = "dynamic";
        if (detail)
        {
            foreach (var kind in InterfaceKind.All)
            {
                if (!KindVisible(kind, version))
                {
                    continue;
                }

                var ofKind = rows.Where(r => r.InterfaceType == kind).ToList();
                o[$"default_{kind}_interface"] = ofKind.FirstOrDefault(r => r.IsDefault)?.InterfaceName;
                o[$"enabled_{kind}_interfaces"] = new JsonArray([.. ofKind.Select(r => r.InterfaceName).Distinct().Select(n => (JsonNode)n)]);
            }
        }

        return o;
    }

    private static bool KindVisible(string kind, ApiVersion version) => kind switch
    {
        InterfaceKind.Storage => version.AtLeast(Microversions.StorageInterface),
        InterfaceKind.Rescue => version.AtLeast(Microversions.RescueInterface),
        InterfaceKind.Bios => version.AtLeast(Microversions.BiosInterface),
        _ => true,
    };

    private static async Task<string> ExistingAsync(ApiContext api, string name, HttpContext http) =>
        (await api.Store.Conductors.ListHardwareInterfacesAsync(http.RequestAborted).ConfigureAwait(false)).Any(r => r.HardwareType == name)
            ? name
            : throw new DriverNotFound(name);

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> properties)
    {
        var o = new JsonObject();
        foreach (var (k, v) in properties)
        {
            o[k] = v;
        }

        return o;
    }
}
