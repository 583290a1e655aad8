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

/// <summary><c>/v1/nodes</c>: create, show, list, patch and delete nodes, and their ports and portgroups.</summary>
public static class NodesApi
{
    public static IEndpointRouteBuilder MapNodesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/nodes");
        g.MapGet("", (HttpContext h, ApiContext api) => ListAsync(h, api, [], detailPath: false));
        g.MapGet("/detail", (HttpContext h, ApiContext api) => ListAsync(h, api, [], detailPath: true));
        g.MapGet("/{ident}", GetAsync);
        g.MapPost("", CreateAsync);
        g.MapPatch("/{ident}", PatchAsync);
        g.MapDelete("/{ident}", DeleteAsync);
        g.MapGet("/{ident}/ports", (HttpContext h, ApiContext api, string ident) => PortsApi.ListForNodeAsync(h, api, ident, false));
        g.MapGet("/{ident}/ports/detail", (HttpContext h, ApiContext api, string ident) => PortsApi.ListForNodeAsync(h, api, ident, true));
        g.MapGet("/{ident}/portgroups", (HttpContext h, ApiContext api, string ident) => PortgroupsApi.ListForNodeAsync(h, api, ident, false));
        g.MapGet("/{ident}/portgroups/detail", (HttpContext h, ApiContext api, string ident) => PortgroupsApi.ListForNodeAsync(h, api, ident, true));
        return app;
    }

    /// <summary>Lists nodes with the request's filters plus <paramref name="scope"/> (e.g. one chassis).</summary>
    internal static async Task<IResult> ListAsync(HttpContext http, ApiContext api, IReadOnlyList<Filter> scope, bool detailPath)
    {
        var version = http.ApiVersion();
        var filters = new List<Filter>(scope);
        filters.AddRange(NodeFilters.Parse(http.Request.Query, version));
        var conductors = await ConductorLookup.LoadAsync(api.Store, http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        return await Collections.ListAsync(http, api, NodeFields.Codec, api.Store.Nodes, "nodes", NodeFields.ListFields,
            NodeFields.Unsortable, NodeFilters.Names, filters, detailPath, n => n.Uuid,
            (w, n, fields, full) => NodeView.Write(w, n, version, fields, full, baseUrl, conductors)).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        var fields = ListParameters.SingleFields(http.Request, NodeFields.Codec, invalid => new Invalid($"Field {string.Join(", ", invalid)} is not a valid field."));
        return JsonResponse.Ok(await RenderAsync(http, api, node, fields).ConfigureAwait(false));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiContext api)
    {
        var version = http.ApiVersion();
        var body = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var defaults = new Node
        {
            Uuid = Guid.NewGuid().ToString("D"),
            ProvisionState = version.AtLeast(Microversions.EnrollByDefault) ? ProvisionState.Enroll : ProvisionState.Available,
            ConductorGroup = "",
        };
        var node = NodeFields.Codec.FromCreateBody(body, version, defaults);
        node.Uuid = Identifiers.RequireUuid("uuid", node.Uuid);
        await ValidateAsync(api, node, null, version, NodeFields.Codec.VisibleFields(version).ToHashSet(), http.RequestAborted).ConfigureAwait(false);
        var created = await api.Conductor.CreateNodeAsync(node, http.RequestAborted).ConfigureAwait(false);
        var baseUrl = api.BaseUrl(http);
        return JsonResponse.Created(await RenderAsync(http, api, created, null).ConfigureAwait(false), $"{baseUrl}/v1/nodes/{created.Uuid}");
    }

    private static async Task<IResult> PatchAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        var q = http.Request.Query;
        ListParameters.OnlyAllow(q, ["reset_interfaces"]);

        bool? resetInterfaces = q["reset_interfaces"].ToString() is { Length: > 0 } r ? QueryBool.Parse("reset_interfaces", r) : null;
        if (resetInterfaces is not null && !version.AtLeast(Microversions.ResetInterfaces))
        {
            throw ApiErrors.NotAcceptable();
        }

        var patch = await RequestBody.ReadAsync(http.Request).ConfigureAwait(false);
        var (patched, changed) = NodeFields.Codec.ApplyPatch(node, patch, version);
        var changedSet = changed.ToHashSet();
        if (resetInterfaces == true && !changedSet.Contains("driver"))
        {
            throw new Invalid("The reset_interfaces parameter can only be used when changing the node's driver.");
        }
        if (changedSet.Contains("maintenance") && !patched.Maintenance)
        {
            // Leaving maintenance clears why the node was in it, as Ironic does.
            patched.MaintenanceReason = null;
            patched.Fault = null;
            changedSet.UnionWith(["maintenance_reason", "fault"]);
        }

        await ValidateAsync(api, patched, ident, version, changedSet, http.RequestAborted).ConfigureAwait(false);
        var updated = changedSet.Count == 0
            ? node
            : await api.Conductor.UpdateNodeAsync(patched, changedSet, resetInterfaces == true, http.RequestAborted).ConfigureAwait(false);
        return JsonResponse.Ok(await RenderAsync(http, api, updated, null).ConfigureAwait(false));
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, ApiContext api, string ident)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        await api.Conductor.DestroyNodeAsync(node.Uuid, http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<JsonObject> RenderAsync(HttpContext http, ApiContext api, Node node, IReadOnlyCollection<string>? fields)
    {
        var conductors = await ConductorLookup.LoadAsync(api.Store, http.RequestAborted).ConfigureAwait(false);
        return NodeView.Render(node, http.ApiVersion(), fields, fields is null, api.BaseUrl(http), conductors);
    }

    // Checks what the request sets. 'ident' is the URL's identifier on PATCH, null on create.
    private static async Task ValidateAsync(ApiContext api, Node node, string? ident, ApiVersion version, IReadOnlySet<string> fields, CancellationToken ct)
    {
        if (fields.Contains("name") && node.Name is not null)
        {
            if (ReservedNames.Contains(node.Name))
            {
                throw new Invalid($"The word \"{node.Name}\" is reserved and can not be used as a node name. " +
                    $"Reserved words are: {string.Join(", ", ReservedNames)}.");
            }

            if (Identifiers.IsUuidLike(node.Name)
                || !Identifiers.IsValidLogicalName(node.Name, hostnameRules: !version.AtLeast(Microversions.RelaxedNames)))
            {
                throw new Invalid(ident is null
                    ? $"Cannot create node with invalid name '{node.Name}'"
                    : $"Node {ident}: Cannot change name to invalid name '{node.Name}'");
            }
        }

        if (fields.Contains("instance_uuid") && node.InstanceUuid is not null)
        {
            node.InstanceUuid = Identifiers.RequireUuid("instance_uuid", node.InstanceUuid);
        }

        if (fields.Contains("chassis_uuid") && node.ChassisUuid is not null)
        {
            node.ChassisUuid = Identifiers.RequireUuid("chassis_uuid", node.ChassisUuid);
            _ = await api.Store.Chassis.GetAsync("uuid", node.ChassisUuid, ct).ConfigureAwait(false)
                ?? throw ApiErrors.Referenced(new ChassisNotFound(node.ChassisUuid));
        }

        if (fields.Contains("chassis_uuid") && node.ChassisUuid is null && ident is not null && !version.AtLeast(Microversions.UnsetChassis))
        {
            throw ApiErrors.NotAcceptable();
        }

        foreach (var (field, value, max) in new[]
        {
            ("resource_class", node.ResourceClass, 80), ("description", node.Description, 4096),
            ("owner", node.Owner, 255), ("lessee", node.Lessee, 255), ("conductor_group", node.ConductorGroup, 255),
        })
        {
            if (fields.Contains(field) && value is not null && value.Length > max)
            {
                throw ApiErrors.Schema(ident is null ? "node" : "patch", $"'{value}' is too long");
            }
        }

        if (fields.Contains("conductor_group"))
        {
            node.ConductorGroup = (node.ConductorGroup ?? "").ToLowerInvariant();
            if (node.ConductorGroup.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            {
                throw new Invalid($"Invalid conductor_group {node.ConductorGroup}: use letters, digits, '.', '_' and '-' only.");
            }
        }

        if (fields.Contains("protected") && node.Protected && node.ProvisionState is not (ProvisionState.Active or "rescue"))
        {
            throw new Conflict($"Node {node.Uuid} can only be made protected in provision states 'active' or 'rescue', " +
                $"the current state is '{node.ProvisionState}'");
        }

        if (fields.Contains("protected_reason") && node.ProtectedReason is not null && !node.Protected)
        {
            throw new Invalid("Cannot set protected_reason without protected=True");
        }

        if (fields.Contains("retired_reason") && node.RetiredReason is not null && !node.Retired)
        {
            throw new Invalid("Cannot set retired_reason without retired=True");
        }
    }

    private static readonly string[] ReservedNames = ["maintenance", "management", "states", "vendor_passthru", "detail", "validate"];
}
