using System.Text.Json.Nodes;
using Ironic.Api.Versioning;
using Ironic.Common.Json;
using Ironic.Common.Rpc;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// Vendor passthru: <c>/v1/nodes/{node}/vendor_passthru?method=NAME</c> and
/// <c>/v1/drivers/{driver}/vendor_passthru?method=NAME</c> for every HTTP method, the path form
/// <c>.../vendor_passthru/NAME</c>, and the <c>.../vendor_passthru/methods</c> listings.
/// Synchronous methods answer 200 with their result; asynchronous ones 202 with no body.
/// </summary>
public static class VendorPassthruApi
{
    private static readonly string[] Verbs = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    public static IEndpointRouteBuilder MapVendorPassthruApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/nodes/{ident}/vendor_passthru/methods", async (HttpContext h, ApiContext api, string ident) =>
        {
            var node = await Lookup.NodeAsync(api, ident, h.ApiVersion(), h.RequestAborted).ConfigureAwait(false);
            return Listing(await api.Conductor.GetNodeVendorPassthruMethodsAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false));
        });
        app.MapMethods("/v1/nodes/{ident}/vendor_passthru", Verbs, (HttpContext h, ApiContext api, string ident) => NodeCallAsync(h, api, ident, null));
        app.MapMethods("/v1/nodes/{ident}/vendor_passthru/{method}", Verbs,
            (HttpContext h, ApiContext api, string ident, string method) => NodeCallAsync(h, api, ident, method));

        app.MapGet("/v1/drivers/{name}/vendor_passthru/methods", async (HttpContext h, ApiContext api, string name) =>
            Listing(await api.Conductor.GetDriverVendorPassthruMethodsAsync(name, h.RequestAborted).ConfigureAwait(false)));
        app.MapMethods("/v1/drivers/{name}/vendor_passthru", Verbs, (HttpContext h, ApiContext api, string name) => DriverCallAsync(h, api, name, null));
        app.MapMethods("/v1/drivers/{name}/vendor_passthru/{method}", Verbs,
            (HttpContext h, ApiContext api, string name, string method) => DriverCallAsync(h, api, name, method));
        return app;
    }

    private static async Task<IResult> NodeCallAsync(HttpContext http, ApiContext api, string ident, string? pathMethod)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        var (method, args) = await CallAsync(http, pathMethod).ConfigureAwait(false);
        return Answer(await api.Conductor.VendorPassthruAsync(node.Uuid, method, http.Request.Method, args, http.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> DriverCallAsync(HttpContext http, ApiContext api, string name, string? pathMethod)
    {
        var (method, args) = await CallAsync(http, pathMethod).ConfigureAwait(false);
        return Answer(await api.Conductor.DriverVendorPassthruAsync(name, method, http.Request.Method, args, http.RequestAborted).ConfigureAwait(false));
    }

    // The method comes from ?method= (or the path form); the body, when any, is the method's arguments.
    private static async Task<(string Method, JsonObject Args)> CallAsync(HttpContext http, string? pathMethod)
    {
        var method = pathMethod ?? http.Request.Query["method"].ToString();
        if (method.Length == 0)
        {
            throw new Invalid("Method not specified");
        }

        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (method, []);
        }

        return await RequestBody.ReadAsync(http.Request).ConfigureAwait(false) switch
        {
            JsonObject o => (method, o),
            null => (method, []),
            _ => throw new Invalid("The vendor method's arguments must be a JSON object."),
        };
    }

    private static IResult Answer(VendorResult result)
    {
        if (result.Async)
        {
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }

        return result.Attachment is { } bytes
            ? Results.Bytes(bytes, "application/octet-stream")
            : Results.Text(result.Json?.ToJsonString(IronicJson.Options) ?? "null", "application/json", statusCode: 200);
    }

    private static IResult Listing(IReadOnlyDictionary<string, VendorMethodInfo> methods)
    {
        var o = new JsonObject();
        foreach (var (name, info) in methods.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            o[name] = info.ToJson();
        }

        return JsonResponse.Ok(o);
    }
}
