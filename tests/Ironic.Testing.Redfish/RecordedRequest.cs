namespace Ironic.Testing.Redfish;

/// <summary>One request the emulator answered: what came in, how it was authenticated and the status sent back.</summary>
/// <param name="Auth"><c>basic</c>, <c>session</c> or <c>none</c>.</param>
public sealed record RecordedRequest(string Method, string Path, string Auth, int Status, string? Body);
