using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>A vendor method's metadata as <c>.../vendor_passthru/methods</c> lists it.</summary>
/// <param name="RequireExclusiveLock">Null for driver methods, which take no lock.</param>
public sealed record VendorMethodInfo(string Name, IReadOnlyList<string> HttpMethods, bool Async, string Description, bool Attach,
    bool? RequireExclusiveLock)
{
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["http_methods"] = new JsonArray([.. HttpMethods.Select(m => (JsonNode)m)]),
            ["async"] = Async,
            ["description"] = Description,
            ["attach"] = Attach,
        };
        if (RequireExclusiveLock is { } exclusive)
        {
            o["require_exclusive_lock"] = exclusive;
        }

        return o;
    }
}
