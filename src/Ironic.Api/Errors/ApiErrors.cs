using Ironic.Drivers;

namespace Ironic.Api.Errors;

/// <summary>Errors whose wording clients and operators know from Ironic's API layer.</summary>
internal static class ApiErrors
{
    public static NotAcceptable NotAcceptable() => new("Request not acceptable.");

    public static NotAcceptable MinimumVersion(int minor) =>
        new($"Request not acceptable. The minimal required API version should be 1.{minor}");

    public static Invalid Schema(string resource, string detail) => new($"Schema error for {resource}: {detail}");

    public static Invalid UnexpectedArguments(IEnumerable<string> names) => new($"Unexpected arguments: {string.Join(", ", names)}");

    /// <summary>A not-found about another resource named in the body is the client's mistake: 400, same words.</summary>
    public static Invalid Referenced(IronicException notFound) => new(notFound.Message);

    /// <summary>A JSON value as Python's repr would print it in jsonschema messages.</summary>
    public static string Repr(System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => "None",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => $"'{v.GetValue<string>()}'",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.True => "True",
        System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => "False",
        _ => value.ToJsonString().Replace('"', '\''),
    };
}
