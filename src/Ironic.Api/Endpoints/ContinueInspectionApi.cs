using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Api.Versioning;
using Ironic.Common.Validation;
using Ironic.Data;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// <c>POST /v1/continue_inspection</c> (1.84, and 1.1 for ironic-inspector's clients): the ramdisk posts its inventory
/// and plugin data; the node in <c>inspect wait</c> is found by the inventory's MAC addresses (or BMC address, or
/// <c>node_uuid</c>) and the data goes to its conductor. Unauthenticated like lookup; every failure to find a node
/// waiting for inspection is the same 404. From 1.84 the answer is lookup's, with the agent token, so the agent can
/// go on to heartbeat; before, only the node's UUID (what ironic-inspector answered).
/// </summary>
public static class ContinueInspectionApi
{
    // driver_internal_info key the inspect interface fills at the start of inspection (Ironic's LOOKUP_CACHE_FIELD).
    private const string BmcLookupCache = "lookup_bmc_addresses";

    public static IEndpointRouteBuilder MapContinueInspectionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/continue_inspection", ContinueAsync);
        return app;
    }

    private static async Task<IResult> ContinueAsync(HttpContext h, ApiContext api)
    {
        if (!api.Options.Api.EnableRamdiskEndpoints)
        {
            throw new IronicException($"Access was denied to the following resource: {h.Request.Path}", 403);
        }

        var version = h.ApiVersion();
        var current = version.AtLeast(Microversions.ContinueInspection);
        var nodeUuidText = h.Request.Query["node_uuid"].ToString();
        if (!(current || version == ApiVersion.Minimum) || (nodeUuidText.Length > 0 && !current))
        {
            throw new NotFound($"API version 1.{Microversions.ContinueInspection} or newer is required");
        }

        var nodeUuid = nodeUuidText.Length > 0 ? Identifiers.RequireUuid("node_uuid", nodeUuidText) : null;
        var data = await RequestBody.ReadAsync(h.Request).ConfigureAwait(false);
        if (Validate(data) is { } error)
        {
            throw new InvalidParameterValue($"Schema error for data: {error}");
        }

        var pluginData = (JsonObject)data!.DeepClone();
        var inventory = pluginData["inventory"]!.AsObject();
        pluginData.Remove("inventory");
        var macs = inventory["interfaces"]!.AsArray().Select(i => Identifiers.NormalizeMac(i!["mac_address"]!.GetValue<string>()))
            .OfType<string>().Distinct().ToList();
        var bmcAddresses = new[] { inventory["bmc_address"], inventory["bmc_v6address"] }
            .Select(a => a?.GetValue<string>()).OfType<string>().Where(a => a.Length > 0).ToList();
        if (macs.Count == 0 && bmcAddresses.Count == 0 && nodeUuid is null)
        {
            throw new Invalid("No lookup information provided");
        }

        // Auto-discovery ([auto_discovery] enabled) is not built: an unknown machine is simply not found.
        var node = await LookupAsync(api.Store, macs, bmcAddresses, nodeUuid, h.RequestAborted).ConfigureAwait(false)
            ?? throw new NotFound("Resource could not be found.");
        if (current)
        {
            // Before the data is processed, which takes the node's lock for a while.
            node = await api.Conductor.GetNodeWithTokenAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false);
        }

        await api.Conductor.ContinueInspectionAsync(node.Uuid, inventory, pluginData, h.RequestAborted).ConfigureAwait(false);
        if (!current)
        {
            return JsonResponse.Accepted(new JsonObject { ["uuid"] = node.Uuid });
        }

        var token = node.DriverInternalInfo["agent_secret_token"]?.GetValue<string>();
        var conductors = await ConductorLookup.LoadAsync(api.Store, h.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Accepted(new JsonObject
        {
            ["node"] = NodeView.Render(node, version, AgentApi.LookupFields, full: false, api.BaseUrl(h), conductors),
            ["config"] = AgentApi.Config(api, token, node),
        });
    }

    /// <summary>
    /// Ironic's lookup for inspection: by UUID, then by MAC addresses (which must agree), then by the BMC addresses
    /// cached on nodes in <c>inspect wait</c> (which must agree too); null for no node, a conflict, or a node not in
    /// <c>inspect wait</c>.
    /// </summary>
    private static async Task<Node?> LookupAsync(IronicStore store, List<string> macs, List<string> bmcAddresses, string? nodeUuid, CancellationToken ct)
    {
        var node = nodeUuid is null ? null : await store.Nodes.GetAsync("uuid", nodeUuid, ct).ConfigureAwait(false);
        if (nodeUuid is not null && node is null)
        {
            return null;
        }

        if (macs.Count > 0)
        {
            var ports = await store.Ports.ListAsync(
                new ListQuery { Filters = [new Filter("address", FilterOp.In, macs.Cast<object?>().ToList())], Limit = 100 }, ct).ConfigureAwait(false);
            var owners = ports.Select(p => p.NodeUuid).Distinct().ToList();
            if (owners.Count > 1 || (owners.Count == 1 && node is not null && node.Uuid != owners[0]))
            {
                return null;
            }

            if (owners.Count == 1)
            {
                node ??= await store.Nodes.GetAsync("uuid", owners[0], ct).ConfigureAwait(false);
            }
        }

        if (node is not null && node.ProvisionState != ProvisionState.InspectWait)
        {
            return null;
        }

        if (bmcAddresses.Count > 0)
        {
            var waiting = await store.Nodes.ListAsync(
                new ListQuery { Filters = [new Filter("provision_state", FilterOp.Equal, ProvisionState.InspectWait)], Limit = 10000 }, ct).ConfigureAwait(false);
            var byBmc = waiting.Where(n => n.DriverInternalInfo[BmcLookupCache] is JsonArray cached
                && cached.Any(a => a is JsonValue v && v.GetValueKind() == JsonValueKind.String && bmcAddresses.Contains(v.GetValue<string>())))
                .Select(n => n.Uuid).ToHashSet();
            if (node is not null && byBmc.Count > 0 && !byBmc.Contains(node.Uuid))
            {
                return null;
            }

            if (node is null && byBmc.Count > 0)
            {
                return byBmc.Count > 1 ? null : await store.Nodes.GetAsync("uuid", byBmc.First(), ct).ConfigureAwait(false);
            }
        }

        return node;
    }

    /// <summary>Ironic's minimal acceptable inventory (its JSON schema), with jsonschema's messages; null when valid.</summary>
    private static string? Validate(JsonNode? data)
    {
        if (data is not JsonObject body)
        {
            return $"{Repr(data)} is not of type 'object'";
        }

        if (!body.ContainsKey("inventory"))
        {
            return "'inventory' is a required property";
        }

        if (body["inventory"] is not JsonObject inventory)
        {
            return $"{Repr(body["inventory"])} is not of type 'object'";
        }

        foreach (var key in new[] { "bmc_address", "bmc_v6address" })
        {
            if (inventory.ContainsKey(key) && inventory[key] is { } v && v.GetValueKind() != JsonValueKind.String)
            {
                return $"{Repr(v)} is not of type 'string', 'null'";
            }
        }

        if (!inventory.ContainsKey("interfaces"))
        {
            return "'interfaces' is a required property";
        }

        if (inventory["interfaces"] is not JsonArray interfaces)
        {
            return $"{Repr(inventory["interfaces"])} is not of type 'array'";
        }

        if (interfaces.Count == 0)
        {
            return "[] should be non-empty";
        }

        foreach (var item in interfaces)
        {
            if (item is not JsonObject iface)
            {
                return $"{Repr(item)} is not of type 'object'";
            }

            if (!iface.ContainsKey("mac_address"))
            {
                return "'mac_address' is a required property";
            }

            if (iface["mac_address"] is not JsonValue mac || mac.GetValueKind() != JsonValueKind.String)
            {
                return $"{Repr(iface["mac_address"])} is not of type 'string'";
            }
        }

        return null;
    }

    // How Python prints the value in jsonschema's messages, near enough for the simple values met here.
    private static string Repr(JsonNode? value) => value switch
    {
        null => "None",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"'{v.GetValue<string>()}'",
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "True",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "False",
        _ => value.ToJsonString(),
    };
}
