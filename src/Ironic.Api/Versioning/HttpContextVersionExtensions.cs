using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Versioning;

/// <summary>Carries the negotiated microversion through the request.</summary>
public static class HttpContextVersionExtensions
{
    private static readonly object Key = new();

    public static ApiVersion ApiVersion(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var v) && v is ApiVersion version ? version : Versioning.ApiVersion.Minimum;

    internal static void SetApiVersion(this HttpContext context, ApiVersion version) => context.Items[Key] = version;
}
