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

    /// <summary>
    /// <c>{"&lt;collection&gt;": [...], "next": ...}</c>, each item written as it is rendered, so a page of a
    /// thousand nodes never exists as one JSON tree or string.
    /// </summary>
    public static IResult List<T>(string collection, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> render, string? next) =>
        new ListResult<T>(collection, items, render, next);

    private sealed class ListResult<T>(string collection, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> render, string? next) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
            writer.WriteStartObject();
            writer.WriteStartArray(collection);
            for (var i = 0; i < items.Count; i++)
            {
                render(writer, items[i]);
                if (writer.BytesPending > FlushThreshold)
                {
                    await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            if (next is not null)
            {
                writer.WriteString("next", next);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    private const int FlushThreshold = 32 * 1024;

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
