using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>What the emulator answers: a status, an optional JSON body and extra headers.</summary>
internal sealed record Reply(int Status, JsonNode? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static Reply Ok(JsonNode body) => new(200, body);

    public static Reply NoContent { get; } = new(204);

    public static Reply NotFound(string path) => Error(404, "Base.1.8.ResourceMissingAtURI", $"The resource at the URI {path} was not found.");

    public static Reply MethodNotAllowed(string method, string path) =>
        Error(405, "Base.1.8.OperationNotAllowed", $"The {method} method is not allowed on {path}.");

    /// <summary>A Redfish error body, as sushy reads it (the most severe ExtendedInfo message wins).</summary>
    public static Reply Error(int status, string code, string message) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["@Message.ExtendedInfo"] = new JsonArray(new JsonObject
            {
                ["MessageId"] = code,
                ["Message"] = message,
                ["Severity"] = "Warning",
            }),
        },
    });

    public static JsonObject Link(string path) => new() { ["@odata.id"] = path };

    public static JsonObject Collection(string path, string name, IEnumerable<string> members)
    {
        var links = new JsonArray([.. members.Select(m => (JsonNode)Link(m))]);
        return new JsonObject
        {
            ["@odata.id"] = path,
            ["Name"] = name,
            ["Members@odata.count"] = links.Count,
            ["Members"] = links,
        };
    }
}
