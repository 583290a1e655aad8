using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Versioning;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary><c>/v1/nodes/{node}/management</c>: boot device and NMI, through the node's management interface.</summary>
public static class NodeManagementApi
{
    public static IEndpointRouteBuilder MapNodeManagementApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/nodes/{ident}/management");
        g.MapGet("/boot_device", async (HttpContext h, ApiContext api, string ident) =>
        {
            var node = await Lookup.NodeAsync(api, ident, h.ApiVersion(), h.RequestAborted).ConfigureAwait(false);
            var info = await api.Conductor.GetBootDeviceAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false);
            return JsonResponse.Ok(new JsonObject { ["boot_device"] = info.BootDevice, ["persistent"] = info.Persistent });
        });
        g.MapPut("/boot_device", async (HttpContext h, ApiContext api, string ident) =>
        {
            var node = await Lookup.NodeAsync(api, ident, h.ApiVersion(), h.RequestAborted).ConfigureAwait(false);
            var body = Body.Object(await RequestBody.ReadAsync(h.Request).ConfigureAwait(false), "boot_device", "persistent");
            var device = Body.String(body, "boot_device") ?? throw new Invalid("Missing mandatory parameter: boot_device");
            await api.Conductor.SetBootDeviceAsync(node.Uuid, device, Body.Bool(body, "persistent") ?? false, h.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });
        g.MapGet("/boot_device/supported", async (HttpContext h, ApiContext api, string ident) =>
        {
            var node = await Lookup.NodeAsync(api, ident, h.ApiVersion(), h.RequestAborted).ConfigureAwait(false);
            var devices = await api.Conductor.GetSupportedBootDevicesAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false);
            return JsonResponse.Ok(new JsonObject { ["supported_boot_devices"] = new JsonArray([.. devices.Select(d => (JsonNode)d)]) });
        });
        g.MapPut("/inject_nmi", async (HttpContext h, ApiContext api, string ident) =>
        {
            if (!h.ApiVersion().AtLeast(Microversions.InjectNmi))
            {
                throw new NotFound("Resource could not be found.");
            }

            var node = await Lookup.NodeAsync(api, ident, h.ApiVersion(), h.RequestAborted).ConfigureAwait(false);
            if (h.Request.ContentLength is > 0)
            {
                Body.Object(await RequestBody.ReadAsync(h.Request).ConfigureAwait(false));
            }

            await api.Conductor.InjectNmiAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false);
            return Results.NoContent();
        });
        return app;
    }
}
