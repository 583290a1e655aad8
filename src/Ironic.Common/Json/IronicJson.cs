using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ironic.Common.Json;

/// <summary>The one JSON convention of the service: Ironic's snake_case names, Python-style timestamps.</summary>
public static class IronicJson
{
    /// <summary>Options for every object Ironic sends or stores.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new IsoTimestampConverter());
        options.MakeReadOnly();
        return options;
    }
}
