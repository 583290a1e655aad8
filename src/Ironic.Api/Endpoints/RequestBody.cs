using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>
/// Reads a request body as JSON, answering malformed input with a 400 that says what is wrong. A key given twice
/// in an object keeps its last value, as Ironic's (Python's) parser does: a JsonObject built with duplicate keys
/// would fail later, at the first read or at every later PATCH of what was stored. A string that is not valid
/// Unicode (an unpaired surrogate escape such as \ud800) is refused.
/// </summary>
internal static class RequestBody
{
    public static async Task<JsonNode?> ReadAsync(HttpRequest request)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return ToNode(document.RootElement);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new Invalid($"The request body is not valid JSON{where}. Send a JSON document with Content-Type: application/json.");
        }
        catch (InvalidOperationException)
        {
            throw new Invalid("The request body holds a string that is not valid Unicode (e.g. an unpaired surrogate escape such as \\ud800).");
        }
    }

    /// <summary>The element as a JsonNode of its own (nothing points back into the document); later keys win.</summary>
    public static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var o = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    o[property.Name] = ToNode(property.Value);
                }

                return o;
            case JsonValueKind.Array:
                var a = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    a.Add(ToNode(item));
                }

                return a;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            case JsonValueKind.Number:
                return JsonNode.Parse(element.GetRawText());
            default:
                return null;
        }
    }
}
