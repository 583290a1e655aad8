using Ironic.Api.Endpoints;
using Ironic.Api.Errors;
using Ironic.Api.Versioning;
using Ironic.Drivers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Api;

/// <summary>Wires the Bare Metal API into a web application.</summary>
public static class ApiExtensions
{
    public static IServiceCollection AddIronicApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiContext>();
        services.AddRouting();
        return services;
    }

    /// <summary>Adds the error and version middleware, then every resource's endpoints.</summary>
    public static WebApplication UseIronicApi(this WebApplication app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseMiddleware<VersionNegotiationMiddleware>();
        app.UseRouting();
        app.MapRootApi();
        app.MapNodesApi();
        app.MapPortsApi();
        app.MapPortgroupsApi();
        app.MapChassisApi();
        app.MapDriversApi();
        app.MapNodeStatesApi();
        app.MapNodeManagementApi();
        app.MapVendorPassthruApi();
        app.MapNodeProvisionApi();
        app.MapNodeBiosApi();
        app.MapNodeHistoryApi();
        app.MapAgentApi();
        app.MapContinueInspectionApi();
        app.MapNodeInventoryApi();

        // Unknown paths and methods answer in Ironic's error body rather than an empty 404/405.
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (context.Response is { HasStarted: false, StatusCode: 404 or 405 } response && response.ContentLength is null)
            {
                var message = response.StatusCode == 404
                    ? "The resource could not be found."
                    : $"The method {context.Request.Method} is not allowed for {context.Request.Path}.";
                await ErrorBody.WriteAsync(context, response.StatusCode, message).ConfigureAwait(false);
            }
        });
        return app;
    }
}
