using System.Text;
using System.Text.Json;

namespace Ironic.Bench.Http;

/// <summary>One answered request, after any retries.</summary>
internal sealed record ApiResponse(int Status, byte[] Body)
{
    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>The start of the body, for error messages.</summary>
    public string Snippet()
    {
        var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300));
        return text.ReplaceLineEndings(" ");
    }

    public string Describe(string what) => $"{what}: HTTP {Status} {Snippet()}";
}
