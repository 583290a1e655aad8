using System.Text.Json.Nodes;
using Ironic.Api.Versioning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary><c>GET /v1/nodes/{node}/inventory</c> (1.81): what the node's last in-band inspection stored.</summary>
public static class NodeInventoryApi
{
    public static IEndpointRouteBuilder MapNodeInventoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/nodes/{ident}/inventory", GetAsync);
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext h, ApiContext api, string ident)
    {
        var version = h.ApiVersion();
        if (!version.AtLeast(Microversions.NodeInventory))
        {
            throw new NotFound("The resource could not be found.");
        }

        var node = await Lookup.NodeAsync(api, ident, version, h.RequestAborted).ConfigureAwait(false);
        var stored = await api.Store.Inventories.GetAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false)
            ?? throw new NotFound($"Node inventory record for node {node.Uuid} could not be found.");
        return JsonResponse.Ok(new JsonObject { ["inventory"] = stored.Inventory, ["plugin_data"] = stored.PluginData });
    }
}
