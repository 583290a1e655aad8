using System.Text.Json.Nodes;
using Ironic.Api.Errors;

namespace Ironic.Testing;

/// <summary>An HTTP answer from <see cref="IronicTestHost"/>: status, raw body and headers, with JSON helpers.</summary>
public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body as a JSON object (throws if it is not one).</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The faultstring of an Ironic error body; throws if the body is not one.</summary>
    public string Fault => ErrorBody.FaultString(Body) ?? throw new InvalidOperationException($"Not an Ironic error body (HTTP {Status}): {Body}");

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>Returns this reply if its status is <paramref name="expected"/>; throws with the body otherwise.</summary>
    public Reply Expect(int expected) =>
        Status == expected ? this : throw new InvalidOperationException($"Expected HTTP {expected}, got {Status}: {Body}");

    /// <summary>The status and the parsed body (null when empty): <c>var (status, body) = await host.GetAsync(...)</c>.</summary>
    public void Deconstruct(out int status, out JsonNode? body)
    {
        status = Status;
        body = Body.Length == 0 ? null : JsonNode.Parse(Body);
    }
}
