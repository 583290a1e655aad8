using System.Text.Json.Nodes;
using Ironic.Common.Json;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>JSON results with Ironic's content type.</summary>
internal static class JsonResponse
{
    public static IResult Ok(JsonNode body) => Results.Text(body.ToJsonString(IronicJson.Options), "application/json", statusCode: 200);

    public static IResult Created(JsonNode body, string location)
    {
        return new CreatedResult(body.ToJsonString(IronicJson.Options), location);
    }

    private sealed class CreatedResult(string body, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.ContentType = "application/json";
            return httpContext.Response.WriteAsync(body);
        }
    }
}
