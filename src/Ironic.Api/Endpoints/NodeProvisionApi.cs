using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Versioning;
using Ironic.Common.Rpc;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// <c>PUT /v1/nodes/{node}/states/provision</c> (the provisioning verbs) and <c>/v1/nodes/{node}/maintenance</c>.
/// Each verb is accepted from the microversion that introduced it; the conductor checks it against the state table.
/// </summary>
public static class NodeProvisionApi
{
    private static readonly Dictionary<string, int> VerbVersions = new(StringComparer.Ordinal)
    {
        ["active"] = 1, ["deleted"] = 1, ["rebuild"] = 1, ["manage"] = 4, ["provide"] = 4, ["inspect"] = 6, ["abort"] = 13,
        ["clean"] = 15, ["adopt"] = 17, ["rescue"] = 38, ["unrescue"] = 38, ["deploy"] = 73, ["undeploy"] = 73,
    };

    public static IEndpointRouteBuilder MapNodeProvisionApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/v1/nodes/{ident}/states/provision", ProvisionAsync);
        app.MapPut("/v1/nodes/{ident}/maintenance", (HttpContext h, ApiContext api, string ident) => MaintenanceAsync(h, api, ident, true));
        app.MapDelete("/v1/nodes/{ident}/maintenance", (HttpContext h, ApiContext api, string ident) => MaintenanceAsync(h, api, ident, false));
        return app;
    }

    private static async Task<IResult> ProvisionAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        // A config drive image may be larger than any other body: this endpoint has its own limit, as in Ironic.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = api.Options.Api.MaxProvisionBodySize;
        }

        var body = Body.Object(await RequestBody.ReadAsync(http.Request).ConfigureAwait(false),
            "target", "clean_steps", "deploy_steps", "configdrive", "rescue_password", "disable_ramdisk");
        var target = Body.String(body, "target") ?? throw new Invalid("Missing mandatory parameter: target");
        if (!VerbVersions.TryGetValue(target, out var minVersion))
        {
            throw new Invalid($"The requested action \"{target}\" can not be performed on node \"{ident}\" while it is in state \"{node.ProvisionState}\".");
        }

        if (!version.AtLeast(minVersion))
        {
            throw ApiErrors.NotAcceptable();
        }

        var configDrive = ConfigDriveArgument.Check(body["configdrive"], target, version);
        var cleanSteps = body["clean_steps"];
        var deploySteps = body["deploy_steps"];
        if (cleanSteps is not null && target != "clean")
        {
            throw new Invalid($"\"clean_steps\" is only valid when setting target provision state to clean");
        }

        if (target == "clean" && cleanSteps is not JsonArray { Count: > 0 })
        {
            throw new Invalid("\"clean_steps\" is required when setting target provision state to clean");
        }

        if (deploySteps is not null)
        {
            if (!version.AtLeast(Microversions.DeploySteps))
            {
                throw ApiErrors.MinimumVersion(Microversions.DeploySteps);
            }

            if (target is not ("active" or "rebuild" or "deploy"))
            {
                throw new Invalid("\"deploy_steps\" is only valid when setting target provision state to active or rebuild");
            }

            if (deploySteps is not JsonArray)
            {
                throw new Invalid($"Invalid deploy_steps: expected a list of steps, got {deploySteps.ToJsonString()}.");
            }
        }

        bool? disableRamdisk = null;
        if (body["disable_ramdisk"] is { } disable)
        {
            if (!version.AtLeast(Microversions.CleanDisableRamdisk))
            {
                throw new NotAcceptable("disable_ramdisk is not acceptable in this API version");
            }

            if (target != "clean")
            {
                throw new Invalid("disable_ramdisk is supported only with manual cleaning");
            }

            disableRamdisk = disable.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.True => true,
                System.Text.Json.JsonValueKind.False => false,
                _ => throw new Invalid($"Invalid disable_ramdisk: expected a boolean, got {disable.ToJsonString()}."),
            };
        }

        var rescuePassword = Body.String(body, "rescue_password");
        if (rescuePassword is not null && target != "rescue")
        {
            throw new Invalid("\"rescue_password\" is only valid when setting target provision state to rescue");
        }

        if (target == "rescue" && string.IsNullOrEmpty(rescuePassword))
        {
            throw new Invalid("A non-empty \"rescue_password\" is required when setting target provision state to rescue");
        }

        await api.Conductor.DoProvisioningActionAsync(node.Uuid, target, new ProvisionArguments
        {
            CleanSteps = cleanSteps as JsonArray,
            DeploySteps = deploySteps as JsonArray,
            DisableRamdisk = disableRamdisk,
            ConfigDrive = configDrive,
            RescuePassword = rescuePassword,
        }, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = $"{api.BaseUrl(http)}/v1/nodes/{ident}/states";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> MaintenanceAsync(HttpContext http, ApiContext api, string ident, bool on)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        string? reason = null;
        if (on && http.Request.ContentLength is > 0)
        {
            reason = Body.String(Body.Object(await RequestBody.ReadAsync(http.Request).ConfigureAwait(false), "reason"), "reason");
        }

        if (on && http.Request.Query["reason"].ToString() is { Length: > 0 } queryReason)
        {
            reason = queryReason;
        }

        node.Maintenance = on;
        node.MaintenanceReason = on ? reason : null;
        var changed = new List<string> { "maintenance", "maintenance_reason" };
        if (!on)
        {
            node.Fault = null;
            changed.Add("fault");
        }

        await api.Conductor.UpdateNodeAsync(node, changed, false, http.RequestAborted).ConfigureAwait(false);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }
}
