using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Listing;

/// <summary>Builds Ironic's <c>self</c>/<c>bookmark</c> link pairs and <c>next</c> page links.</summary>
public static class Links
{
    /// <summary>The public base URL: <c>[api] public_endpoint</c>, else the request's scheme and host.</summary>
    public static string BaseUrl(HttpRequest request, string? publicEndpoint) =>
        publicEndpoint ?? $"{request.Scheme}://{request.Host}";

    /// <summary><c>[{href: base/v1/path, rel: self}, {href: base/path, rel: bookmark}]</c>.</summary>
    public static JsonArray Pair(string baseUrl, string path) =>
    [
        new JsonObject { ["href"] = $"{baseUrl}/v1/{path}", ["rel"] = "self" },
        new JsonObject { ["href"] = $"{baseUrl}/{path}", ["rel"] = "bookmark" },
    ];

    /// <summary>Writes <see cref="Pair"/> as the property <paramref name="name"/>.</summary>
    public static void WritePair(Utf8JsonWriter writer, string name, string baseUrl, string path)
    {
        writer.WriteStartArray(name);
        writer.WriteStartObject();
        writer.WriteString("href", $"{baseUrl}/v1/{path}");
        writer.WriteString("rel", "self");
        writer.WriteEndObject();
        writer.WriteStartObject();
        writer.WriteString("href", $"{baseUrl}/{path}");
        writer.WriteString("rel", "bookmark");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>The <c>next</c> link: the same request with <c>marker</c> set to the last item shown.</summary>
    public static string Next(HttpRequest request, string baseUrl, int limit, string marker)
    {
        var args = request.Query
            .Where(kv => kv.Key is not ("limit" or "marker"))
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
            .Append($"limit={limit}")
            .Append($"marker={marker}");
        return $"{baseUrl}{request.PathBase}{request.Path}?{string.Join('&', args)}";
    }
}
