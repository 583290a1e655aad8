using System.Text.Json.Nodes;
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
/// <c>/v1/nodes/{node}/history</c> (1.78): the node's journal of errors and state changes, oldest first,
/// paged by <c>marker</c>/<c>limit</c>; <c>?detail=true</c> adds the event type, conductor and user.
/// </summary>
public static class NodeHistoryApi
{
    // Ironic shortens events in the list (not in detail) to keep pages small.
    private const int ListEventLength = 255;

    public static IEndpointRouteBuilder MapNodeHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/nodes/{ident}/history", (HttpContext h, ApiContext api, string ident) => ListAsync(h, api, ident, detailPath: false));
        // python-ironicclient's `node history list --long` asks for .../history/detail, which Ironic
        // itself takes for an event named "detail" (404); here it is the detailed list.
        app.MapGet("/v1/nodes/{ident}/history/detail", (HttpContext h, ApiContext api, string ident) => ListAsync(h, api, ident, detailPath: true));
        app.MapGet("/v1/nodes/{ident}/history/{eventUuid}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiContext api, string ident, bool detailPath)
    {
        var version = Require(http);
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        var q = http.Request.Query;
        ListParameters.OnlyAllow(q, ["detail", "marker", "limit"]);
        var detail = detailPath || q["detail"].ToString() is { Length: > 0 } d && QueryBool.Parse("detail", d);
        var limit = api.Options.Api.MaxLimit;
        if (q.ContainsKey("limit"))
        {
            if (!int.TryParse(q["limit"].ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var asked))
            {
                throw new Invalid($"Invalid input for field/attribute limit. Value: '{q["limit"]}'. unable to convert to int");
            }

            limit = asked > 0 ? Math.Min(asked, limit) : throw new Invalid("Limit must be positive");
        }

        string? marker = null;
        if (q["marker"].ToString() is { Length: > 0 } m)
        {
            marker = Common.Validation.Identifiers.RequireUuid("marker", m);
            if (await api.Store.History.GetAsync("uuid", marker, http.RequestAborted).ConfigureAwait(false) is null)
            {
                throw new NotFound($"Node history record {marker} could not be found.");
            }
        }

        var events = await api.Store.History.ListAsync(new ListQuery
        {
            Filters = [Filter.Eq("node_uuid", node.Uuid)],
            Limit = limit,
            MarkerUuid = marker,
        }, http.RequestAborted).ConfigureAwait(false);

        var baseUrl = api.BaseUrl(http);
        var body = new JsonObject { ["history"] = new JsonArray([.. events.Select(e => (JsonNode)Render(e, node.Uuid, detail, baseUrl))]) };
        if (events.Count > 0 && events.Count == limit)
        {
            body["next"] = Links.Next(http.Request, baseUrl, limit, events[^1].Uuid);
        }

        return JsonResponse.Ok(body);
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string ident, string eventUuid)
    {
        var version = Require(http);
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        ListParameters.OnlyAllow(http.Request.Query, []);
        var e = await api.Store.History.GetAsync("uuid", eventUuid, http.RequestAborted).ConfigureAwait(false);
        return e is null || e.NodeUuid != node.Uuid
            ? throw new NotFound($"Node history record {eventUuid} could not be found.")
            : JsonResponse.Ok(Render(e, node.Uuid, detail: true, api.BaseUrl(http)));
    }

    private static ApiVersion Require(HttpContext http)
    {
        var version = http.ApiVersion();
        return version.AtLeast(Microversions.NodeHistory) ? version : throw new NotFound("The resource could not be found.");
    }

    private static JsonObject Render(NodeHistoryEvent e, string nodeUuid, bool detail, string baseUrl)
    {
        var o = new JsonObject
        {
            ["uuid"] = e.Uuid,
            ["created_at"] = IsoTimestampConverter.Format(e.CreatedAt),
            ["severity"] = e.Severity,
            ["event"] = detail || e.Event.Length <= ListEventLength ? e.Event : e.Event[..251] + "...",
        };
        if (detail)
        {
            o["event_type"] = e.EventType;
            o["conductor"] = e.Conductor;
            o["user"] = e.User;
        }

        o["links"] = new JsonArray(new JsonObject { ["href"] = $"{baseUrl}/v1/nodes/{nodeUuid}/history/{e.Uuid}", ["rel"] = "self" });
        return o;
    }
}
