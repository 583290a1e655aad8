namespace Ironic.Drivers;

/// <summary>
/// Base of every error Ironic reports to a client. Like Ironic's <c>IronicException</c>, it carries
/// the HTTP status the API answers with, so the mapping to an error body happens in one place.
/// </summary>
public class IronicException : Exception
{
    /// <summary>Creates an error with a message for the operator and the HTTP status it maps to.</summary>
    public IronicException(string message, int code = 500, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>The HTTP status code the API answers with.</summary>
    public int Code { get; }

    /// <summary>Extra response headers (for example <c>Retry-After</c> on a lock conflict).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
