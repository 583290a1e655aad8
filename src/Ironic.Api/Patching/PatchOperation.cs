using System.Text.Json.Nodes;

namespace Ironic.Api.Patching;

/// <summary>One validated JSON Patch operation (RFC 6902), its path split into RFC 6901 tokens.</summary>
public sealed record PatchOperation(string Op, string Path, IReadOnlyList<string> Tokens, JsonNode? Value)
{
    /// <summary>The top-level field the operation touches.</summary>
    public string Field => Tokens[0];
}
