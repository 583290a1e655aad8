namespace Ironic.Drivers.Redfish;

/// <summary>The boot ISO could not be built (Ironic's <c>ImageCreationFailed</c>, HTTP 500: the conductor's fault, not the request's).</summary>
internal sealed class ImageCreationFailed(string error, Exception? inner = null)
    : IronicException($"Creating ISO image failed: {error}", 500, inner);
