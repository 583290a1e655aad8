using System.Text.Json.Nodes;
using Ironic.Api.Listing;
using Ironic.Api.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary><c>GET /</c> (version discovery) and <c>GET /v1</c> (the resource index).</summary>
public static class RootApi
{
    public static IEndpointRouteBuilder MapRootApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext h, ApiContext api) =>
        {
            var version = Version(api.BaseUrl(h));
            return JsonResponse.Ok(new JsonObject
            {
                ["name"] = "OpenStack Ironic API",
                ["description"] = "Ironic is an OpenStack project which enables the provision and management of baremetal machines.",
                ["default_version"] = version,
                ["versions"] = new JsonArray(version.DeepClone()),
            });
        });
        app.MapGet("/v1", V1);
        return app;
    }

    private static IResult V1(HttpContext http, ApiContext api)
    {
        var baseUrl = api.BaseUrl(http);
        var v = http.ApiVersion();
        var body = new JsonObject
        {
            ["id"] = "v1",
            ["links"] = new JsonArray(
                new JsonObject { ["href"] = $"{baseUrl}/v1/", ["rel"] = "self" },
                new JsonObject
                {
                    ["href"] = "https://docs.openstack.org//ironic/latest/contributor//webapi.html",
                    ["rel"] = "describedby",
                    ["type"] = "text/html",
                }),
            ["media_types"] = new JsonObject
            {
                ["base"] = "application/json",
                ["type"] = "application/vnd.openstack.ironic.v1+json",
            },
            ["chassis"] = Collection(baseUrl, "chassis"),
            ["nodes"] = Collection(baseUrl, "nodes"),
            ["ports"] = Collection(baseUrl, "ports"),
            ["drivers"] = Collection(baseUrl, "drivers"),
            ["version"] = Version(baseUrl),
        };
        if (v.AtLeast(Microversions.Portgroups))
        {
            body["portgroups"] = Collection(baseUrl, "portgroups");
        }

        return JsonResponse.Ok(body);
    }

    private static JsonArray Collection(string baseUrl, string name) => Links.Pair(baseUrl, name + "/");

    private static JsonObject Version(string baseUrl) => new()
    {
        ["id"] = "v1",
        ["links"] = new JsonArray(new JsonObject { ["href"] = $"{baseUrl}/v1/", ["rel"] = "self" }),
        ["status"] = "CURRENT",
        ["min_version"] = ApiVersion.Minimum.ToString(),
        ["version"] = ApiVersion.Maximum.ToString(),
    };
}
