using System.Text.Json.Nodes;
using Ironic.Api.Versioning;
using Ironic.Common.Rpc;
using Ironic.Common.Validation;
using Ironic.Data;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// The deploy agent's endpoints (Ironic's ramdisk API): <c>GET /v1/lookup</c> finds the agent's node by
/// its MAC addresses or UUID and hands out the agent token, once; <c>POST /v1/heartbeat/{node}</c> passes a
/// heartbeat to the conductor. A node in a state that expects no agent is answered 404, like a node
/// that does not exist, so the agent keeps retrying and learns nothing more.
/// </summary>
public static class AgentApi
{
    // Provision states in which a node expects its agent to look up (Ironic's LOOKUP_ALLOWED_STATES).
    private static readonly HashSet<string> LookupStates =
    [
        ProvisionState.Deploying, ProvisionState.DeployWait, ProvisionState.Cleaning, ProvisionState.CleanWait,
        ProvisionState.Inspecting, ProvisionState.InspectWait, ProvisionState.Rescuing, ProvisionState.RescueWait, "service wait",
    ];

    // With [deploy] fast_track, an agent may also run on a resting node, for the next operation to use.
    private static readonly HashSet<string> FastTrackLookupStates =
        [.. LookupStates, ProvisionState.Enroll, ProvisionState.Manageable, ProvisionState.Available];

    internal static readonly string[] LookupFields = ["uuid", "properties", "instance_info", "driver_internal_info"];

    private static readonly string[] AgentStates = ["start", "end", "error"];

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/lookup", LookupAsync);
        app.MapPost("/v1/heartbeat/{ident}", HeartbeatAsync);
        return app;
    }

    private static async Task<IResult> LookupAsync(HttpContext h, ApiContext api)
    {
        CheckEnabled(h, api);
        var query = h.Request.Query;
        var unknown = query.Keys.Where(k => k is not ("addresses" or "node_uuid")).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidParameterValue($"Unknown argument: \"{string.Join(", ", unknown)}\"");
        }

        var addresses = query["addresses"].SelectMany(a => (a ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(a => Identifiers.NormalizeMac(a.Trim())).OfType<string>().Distinct().ToList();
        var nodeUuid = query["node_uuid"].ToString() is { Length: > 0 } u ? Identifiers.RequireUuid("node_uuid", u) : null;
        if (addresses.Count == 0 && nodeUuid is null)
        {
            throw new Invalid("At least one of 'addresses' and 'node_uuid' parameters is required");
        }

        var node = nodeUuid is not null
            ? await api.Store.Nodes.GetAsync("uuid", nodeUuid, h.RequestAborted).ConfigureAwait(false)
            : await ByAddressesAsync(api.Store, addresses, h.RequestAborted).ConfigureAwait(false);
        var states = api.Options.Deploy.FastTrack ? FastTrackLookupStates : LookupStates;
        if (node is null || (api.Options.Api.RestrictLookup && !states.Contains(node.ProvisionState ?? "")))
        {
            // The same answer for "no such node" and "not expecting an agent": nothing to learn by probing.
            throw new NotFound("Resource could not be found.");
        }

        var found = await api.Conductor.GetNodeWithTokenAsync(node.Uuid, h.RequestAborted).ConfigureAwait(false);
        var token = found.DriverInternalInfo["agent_secret_token"]?.GetValue<string>();
        var conductors = await ConductorLookup.LoadAsync(api.Store, h.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(new JsonObject
        {
            ["node"] = NodeView.Render(found, h.ApiVersion(), LookupFields, full: false, api.BaseUrl(h), conductors),
            ["config"] = Config(api, token, found),
        });
    }

    internal static async Task<Node?> ByAddressesAsync(IronicStore store, List<string> addresses, CancellationToken ct)
    {
        var ports = await store.Ports.ListAsync(
            new ListQuery { Filters = [new Filter("address", FilterOp.In, addresses.Cast<object?>().ToList())], Limit = 100 }, ct).ConfigureAwait(false);
        var nodes = ports.Select(p => p.NodeUuid).Distinct().ToList();
        // Ports of several nodes match: which one the agent runs on cannot be told, so none is.
        return nodes.Count == 1 ? await store.Nodes.GetAsync("uuid", nodes[0], ct).ConfigureAwait(false) : null;
    }

    // What the agent is told at lookup; the token travels here and nowhere else.
    internal static JsonObject Config(ApiContext api, string? token, Node node) => new()
    {
        ["metrics"] = new JsonObject
        {
            ["backend"] = "noop", ["prepend_host"] = false, ["prepend_uuid"] = false, ["prepend_host_reverse"] = true, ["global_prefix"] = null,
        },
        ["metrics_statsd"] = new JsonObject { ["statsd_host"] = "localhost", ["statsd_port"] = 8125 },
        ["heartbeat_timeout"] = api.Options.Api.RamdiskHeartbeatTimeout,
        ["agent_containers"] = new JsonObject
        {
            ["allow_arbitrary_containers"] = false, ["allowed_containers"] = new JsonArray(), ["container_steps_file"] = "/etc/ironic-python-agent.d/mysteps.yaml",
            ["runner"] = "podman", ["pull_options"] = "--tls-verify=false", ["run_options"] = "--rm --network=host --tls-verify=false",
        },
        ["agent_token"] = token,
        ["agent_token_required"] = true,
        ["agent_md5_checksum_enable"] = false,
        ["disable_deep_image_inspection"] = false,
        ["permitted_image_formats"] = new JsonArray("raw", "gpt", "qcow2", "iso"),
        ["agent_skip_bmc_detect"] = node.ManagementInterface is "redfish" or "idrac-redfish",
        ["enable_bios_bootloader_install"] = false,
        ["tls_min_version"] = "1.3",
        ["tls_cipher_suites"] = null,
    };

    private static async Task<IResult> HeartbeatAsync(HttpContext h, ApiContext api, string ident)
    {
        CheckEnabled(h, api);
        var version = h.ApiVersion();
        var body = Body.Object(await RequestBody.ReadAsync(h.Request).ConfigureAwait(false),
            "callback_url", "agent_version", "agent_token", "agent_verify_ca", "agent_status", "agent_status_message");
        var callbackUrl = Body.String(body, "callback_url") ?? throw new Invalid("Missing mandatory parameter: callback_url");
        var agentVersion = Body.String(body, "agent_version");
        var token = Body.String(body, "agent_token");
        var verifyCa = Body.String(body, "agent_verify_ca");
        var status = Body.String(body, "agent_status");
        var statusMessage = Body.String(body, "agent_status_message");
        if (agentVersion is not null && !version.AtLeast(Microversions.HeartbeatAgentVersion))
        {
            throw new InvalidParameterValue("Field \"agent_version\" not recognised");
        }

        if ((status ?? statusMessage) is not null && !version.AtLeast(Microversions.HeartbeatStatus))
        {
            throw new InvalidParameterValue("Fields \"agent_status\" and \"agent_status_message\" not recognised.");
        }

        if (verifyCa is not null && !version.AtLeast(Microversions.HeartbeatVerifyCa))
        {
            throw new InvalidParameterValue("Field \"agent_verify_ca\" not recognised in this version");
        }

        var node = await Lookup.NodeAsync(api, ident, version, h.RequestAborted).ConfigureAwait(false);
        if (callbackUrl.Length > 0 && (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            throw new InvalidParameterValue("An issue with the supplied \"callback_url\" has been detected.");
        }

        if (node.DriverInternalInfo["agent_url"]?.GetValue<string>() is { } known && known != callbackUrl)
        {
            throw new Invalid("Detected change in ramdisk provided \"callback_url\"");
        }

        if (token is null)
        {
            throw new InvalidParameterValue("Agent token is required for heartbeat processing.");
        }

        if (status is not null && !AgentStates.Contains(status))
        {
            throw new InvalidParameterValue($"Agent status is invalid. Valid states are {string.Join(",", AgentStates)}.");
        }

        await api.Conductor.HeartbeatAsync(node.Uuid, new AgentHeartbeat(callbackUrl, token, agentVersion, verifyCa, status, statusMessage),
            h.RequestAborted).ConfigureAwait(false);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static void CheckEnabled(HttpContext h, ApiContext api)
    {
        if (!api.Options.Api.EnableRamdiskEndpoints)
        {
            throw new IronicException($"Access was denied to the following resource: {h.Request.Path}", 403);
        }

        if (!h.ApiVersion().AtLeast(Microversions.RamdiskEndpoints))
        {
            throw new NotFound("Resource could not be found.");
        }
    }
}
