using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish;

/// <summary>A BMC's answer: status, JSON body (null when empty or not JSON) and the Location header.</summary>
internal sealed record RedfishResponse(int Status, JsonObject? Body, string? Location, TimeSpan? RetryAfter = null)
{
    /// <summary>The X-Auth-Token header of a session login answer.</summary>
    public string? Token { get; init; }

    /// <summary>The message a Redfish error body carries: its most severe extended message, else its message.</summary>
    public string ErrorMessage()
    {
        if (Body?["error"] is not JsonObject error)
        {
            return Body?.ToJsonString() is { Length: > 0 and < 300 } text ? text : "no error details";
        }

        var messages = error["@Message.ExtendedInfo"] as JsonArray ?? [];
        var worst = messages.OfType<JsonObject>()
            .OrderByDescending(m => m["Severity"]?.ToString() switch { "Critical" => 2, "Warning" => 1, _ => 0 })
            .Select(m => m["Message"]?.ToString())
            .FirstOrDefault(m => !string.IsNullOrEmpty(m));
        return worst ?? error["message"]?.ToString() ?? error["code"]?.ToString() ?? "no error details";
    }
}
