using System.Text.Json.Nodes;
using Ironic.Api.Errors;

namespace Ironic.Api.Tests;

/// <summary>An HTTP answer: status, raw body and headers, with JSON helpers.</summary>
public sealed record Reply(int Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The faultstring of an Ironic error body (fails the test if the body is not one).</summary>
    public string Fault
    {
        get
        {
            var fault = ErrorBody.FaultString(Body);
            Assert.True(fault is not null, $"Not an Ironic error body (HTTP {Status}): {Body}");
            return fault!;
        }
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
