using System.Text.Json.Nodes;

namespace Ironic.Common.Rpc;

/// <summary>
/// The answer of a vendor passthru call: <see cref="Async"/> calls have no result yet; a synchronous
/// one returns JSON, or raw bytes when the method attaches its result.
/// </summary>
public sealed record VendorResult(bool Async, JsonNode? Json, byte[]? Attachment);
