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

    public static IResult Accepted(JsonNode body) => new JsonResult(body, StatusCodes.Status202Accepted, null);

    /// <summary>
    /// <c>{"&lt;collection&gt;": [...], "next": ...}</c>, each item written as it is read and rendered, so a page
    /// of a thousand nodes never exists as a list of objects, one JSON tree or a string. <paramref name="next"/>
    /// gets the number of items and the last one.
    /// </summary>
    public static IResult List<T>(string collection, IAsyncEnumerable<T> items, Action<Utf8JsonWriter, T> render, Func<int, T?, string?> next)
        where T : class =>
        new ListResult<T>(collection, items, render, next);

    private sealed class ListResult<T>(string collection, IAsyncEnumerable<T> items, Action<Utf8JsonWriter, T> render, Func<int, T?, string?> next)
        : IResult
        where T : class
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var ct = httpContext.RequestAborted;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
            writer.WriteStartObject();
            writer.WriteStartArray(collection);
            var count = 0;
            T? last = null;
            await foreach (var item in items.WithCancellation(ct).ConfigureAwait(false))
            {
                render(writer, item);
                count++;
                last = item;
                if (writer.BytesPending > FlushThreshold)
                {
                    await writer.FlushAsync(ct).ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            if (next(count, last) is { } link)
            {
                writer.WriteString("next", link);
            }

            writer.WriteEndObject();
            await writer.FlushAsync(ct).ConfigureAwait(false);
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
