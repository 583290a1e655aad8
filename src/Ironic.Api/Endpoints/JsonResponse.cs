using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>JSON results with Ironic's content type, written as UTF-8 straight into the response.</summary>
internal static class JsonResponse
{
    // As IronicJson.Options: compact, and no escaping of characters that JSON allows as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Ok(JsonNode body) => new JsonResult(body, StatusCodes.Status200OK, null);

    public static IResult Created(JsonNode body, string location) => new JsonResult(body, StatusCodes.Status201Created, location);

    private sealed class JsonResult(JsonNode body, int status, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json";
            if (location is not null)
            {
                response.Headers.Location = location;
            }

            // No intermediate string: a page of 1,000 nodes is a few megabytes of UTF-16 otherwise.
            await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
            body.WriteTo(writer);
            await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
