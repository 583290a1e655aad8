using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>Reads a request body as JSON, answering malformed input with a 400 that says what is wrong.</summary>
internal static class RequestBody
{
    public static async Task<JsonNode?> ReadAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new Invalid($"The request body is not valid JSON{where}. Send a JSON document with Content-Type: application/json.");
        }
    }
}
