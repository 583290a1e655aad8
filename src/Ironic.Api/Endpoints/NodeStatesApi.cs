using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Api.Errors;
using Ironic.Api.Versioning;
using Ironic.Common.Json;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ironic.Api.Endpoints;

/// <summary>
/// <c>/v1/nodes/{node}/states</c>: the node's states, power changes and the console. Changes start
/// in the conductor and answer 202; the node shows <c>target_power_state</c> until they end.
/// </summary>
public static class NodeStatesApi
{
    private static readonly string[] PowerTargets =
        [PowerState.On, PowerState.Off, PowerState.Rebooting, PowerState.SoftPowerOff, PowerState.SoftRebooting];

    public static IEndpointRouteBuilder MapNodeStatesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/v1/nodes/{ident}");
        g.MapGet("/states", GetStatesAsync);
        g.MapPut("/states/power", SetPowerAsync);
        g.MapPut("/states/boot_mode", SetBootModeAsync);
        g.MapPut("/states/secure_boot", SetSecureBootAsync);
        g.MapGet("/states/console", GetConsoleAsync);
        g.MapPut("/states/console", SetConsoleAsync);
        g.MapGet("/validate", ValidateAsync);
        return app;
    }

    private static async Task<IResult> GetStatesAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        var o = new JsonObject
        {
            ["console_enabled"] = node.ConsoleEnabled,
            ["last_error"] = node.LastError,
            ["power_state"] = node.PowerState,
            ["provision_state"] = node.ProvisionState,
            ["provision_updated_at"] = node.ProvisionUpdatedAt is { } t ? IsoTimestampConverter.Format(t) : null,
            ["target_power_state"] = node.TargetPowerState,
            ["target_provision_state"] = node.TargetProvisionState,
        };
        if (version.AtLeast(Microversions.RaidConfig))
        {
            o["raid_config"] = node.RaidConfig.DeepClone();
            o["target_raid_config"] = node.TargetRaidConfig.DeepClone();
        }

        if (version.AtLeast(Microversions.NodeBootMode))
        {
            o["boot_mode"] = node.BootMode;
            o["secure_boot"] = node.SecureBoot;
        }

        return JsonResponse.Ok(o);
    }

    private static async Task<IResult> SetBootModeAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        RequireChangeBootMode(version);
        var body = Body.Object(await RequestBody.ReadAsync(http.Request).ConfigureAwait(false), "target");
        var target = body["target"] is { } t && t.GetValueKind() == System.Text.Json.JsonValueKind.String ? t.GetValue<string>() : null;
        if (target is null || !BootMode.All.Contains(target))
        {
            throw new InvalidParameterValue($"Invalid boot mode {Plain(body["target"])} requested for node. Allowed boot modes are: bios, uefi");
        }

        await api.Conductor.ChangeNodeBootModeAsync(node.Uuid, target, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = $"{api.BaseUrl(http)}/v1/nodes/{ident}/states";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> SetSecureBootAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        RequireChangeBootMode(version);
        var body = Body.Object(await RequestBody.ReadAsync(http.Request).ConfigureAwait(false), "target");
        bool? target = body["target"] switch
        {
            { } b when b.GetValueKind() is System.Text.Json.JsonValueKind.True => true,
            { } b when b.GetValueKind() is System.Text.Json.JsonValueKind.False => false,
            { } b when b.GetValueKind() is System.Text.Json.JsonValueKind.String && bool.TryParse(b.GetValue<string>(), out var parsed) => parsed,
            _ => null,
        };
        if (target is not { } enabled)
        {
            throw new InvalidParameterValue($"Invalid secure_boot {Plain(body["target"])} requested for node. Allowed secure_boot states are: True, False");
        }

        await api.Conductor.ChangeNodeSecureBootAsync(node.Uuid, enabled, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = $"{api.BaseUrl(http)}/v1/nodes/{ident}/states";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    // As Python's %s prints it.
    private static string Plain(System.Text.Json.Nodes.JsonNode? value) =>
        value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : ApiErrors.Repr(value);

    // Ironic answers 404, not 406, for these two below their version.
    private static void RequireChangeBootMode(ApiVersion version)
    {
        if (!version.AtLeast(Microversions.ChangeBootMode))
        {
            throw new NotFound($"This endpoint is supported starting with the API version 1.{Microversions.ChangeBootMode}");
        }
    }

    

    private static async Task<IResult> SetPowerAsync(HttpContext http, ApiContext api, string ident)
    {
        var version = http.ApiVersion();
        var node = await Lookup.NodeAsync(api, ident, version, http.RequestAborted).ConfigureAwait(false);
        var body = Body.Object(await RequestBody.ReadAsync(http.Request).ConfigureAwait(false), "target", "timeout");
        var target = Body.String(body, "target") ?? throw new Invalid("Missing mandatory parameter: target");
        var timeout = Body.Int(body, "timeout");
        if ((target is PowerState.SoftPowerOff or PowerState.SoftRebooting || timeout is not null) && !version.AtLeast(Microversions.SoftPower))
        {
            throw ApiErrors.NotAcceptable();
        }

        if (timeout is < 1)
        {
            throw new Invalid("timeout has to be positive integer");
        }

        if (!PowerTargets.Contains(target))
        {
            throw new Invalid($"The requested action \"{target}\" can not be performed on node \"{ident}\" while it is in state \"{node.PowerState}\".");
        }

        if (node.ProvisionState is ProvisionState.CleanWait or ProvisionState.Cleaning)
        {
            throw new Invalid($"The requested action \"{target}\" can not be performed on node \"{ident}\" while it is in state \"{node.ProvisionState}\".");
        }

        await api.Conductor.ChangeNodePowerStateAsync(node.Uuid, target, timeout, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = $"{api.BaseUrl(http)}/v1/nodes/{ident}/states";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetConsoleAsync(HttpContext http, ApiContext api, string ident)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        var info = node.ConsoleEnabled
            ? await api.Conductor.GetConsoleInformationAsync(node.Uuid, http.RequestAborted).ConfigureAwait(false)
            : null;
        return JsonResponse.Ok(new JsonObject { ["console_enabled"] = node.ConsoleEnabled, ["console_info"] = info });
    }

    private static async Task<IResult> SetConsoleAsync(HttpContext http, ApiContext api, string ident)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        var body = Body.Object(await RequestBody.ReadAsync(http.Request).ConfigureAwait(false), "enabled");
        var enabled = Body.Bool(body, "enabled") ?? throw new Invalid("Missing mandatory parameter: enabled");
        await api.Conductor.SetConsoleModeAsync(node.Uuid, enabled, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = $"{api.BaseUrl(http)}/v1/nodes/{ident}/states/console";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ValidateAsync(HttpContext http, ApiContext api, string ident)
    {
        var node = await Lookup.NodeAsync(api, ident, http.ApiVersion(), http.RequestAborted).ConfigureAwait(false);
        var results = await api.Conductor.ValidateDriverInterfacesAsync(node.Uuid, http.RequestAborted).ConfigureAwait(false);
        var o = new JsonObject();
        foreach (var (kind, r) in results)
        {
            var entry = new JsonObject { ["result"] = r.Result };
            if (r.Reason is not null)
            {
                entry["reason"] = r.Reason;
            }

            o[kind] = entry;
        }

        return JsonResponse.Ok(o);
    }
}
