using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Common.Json;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Errors;

/// <summary>
/// Writes errors as Ironic does: <c>{"error_message": "&lt;JSON string&gt;"}</c> where the inner JSON holds
/// <c>faultcode</c> (Client or Server), <c>faultstring</c> and <c>debuginfo</c> (always null here).
/// </summary>
public static class ErrorBody
{
    public static string Create(int status, string message)
    {
        var inner = new JsonObject
        {
            ["faultcode"] = status < 500 ? "Client" : "Server",
            ["faultstring"] = message,
            ["debuginfo"] = null,
        };
        return new JsonObject { ["error_message"] = inner.ToJsonString(IronicJson.Options) }.ToJsonString(IronicJson.Options);
    }

    public static async Task WriteAsync(HttpContext context, int status, string message, IReadOnlyDictionary<string, string>? headers = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }
        }

        await response.WriteAsync(Create(status, message), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads the faultstring out of an error body (for tests and the load generator).</summary>
    public static string? FaultString(string body)
    {
        try
        {
            var inner = JsonNode.Parse(body)?["error_message"]?.GetValue<string>();
            return inner is null ? null : JsonNode.Parse(inner)?["faultstring"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
