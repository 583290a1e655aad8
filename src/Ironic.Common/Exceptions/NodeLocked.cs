using System.Globalization;
using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>
/// Another task holds the node's exclusive lock (HTTP 409). Unlike Ironic's message, ours names the
/// holder's purpose and how long it has been held, and the API sends <c>Retry-After</c>.
/// </summary>
public sealed class NodeLocked : IronicException
{
    /// <summary>Creates the conflict for <paramref name="node"/> held by conductor <paramref name="host"/>.</summary>
    public NodeLocked(string node, string host, string? purpose = null, TimeSpan? heldFor = null, int retryAfterSeconds = 1)
        : base(Describe(node, host, purpose, heldFor), 409)
    {
        Node = node;
        Host = host;
        Purpose = purpose;
        HeldFor = heldFor;
        Headers = new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>The node's UUID.</summary>
    public string Node { get; }

    /// <summary>The conductor host holding the lock.</summary>
    public string Host { get; }

    /// <summary>What the holding task is doing, when known.</summary>
    public string? Purpose { get; }

    /// <summary>How long the lock has been held, when known.</summary>
    public TimeSpan? HeldFor { get; }

    private static string Describe(string node, string host, string? purpose, TimeSpan? heldFor)
    {
        var detail = purpose is null ? "" : $" for \"{purpose}\"";
        if (heldFor is { } held)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $" (held for {Math.Max(0, held.TotalSeconds):0.#} s)");
        }

        return $"Node {node} is locked by host {host}{detail}, please retry after the current operation is completed.";
    }
}
