using Ironic.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Versioning;

/// <summary>
/// Reads the requested microversion from <c>X-OpenStack-Ironic-API-Version</c> or
/// <c>OpenStack-API-Version: baremetal X.Y</c> (<c>latest</c> allowed), answers 406 outside the served
/// range, and stamps the minimum, maximum and chosen version on every <c>/v1</c> response.
/// </summary>
internal sealed class VersionNegotiationMiddleware(RequestDelegate next)
{
    public const string LegacyHeader = "X-OpenStack-Ironic-API-Version";
    public const string MinimumHeader = "X-OpenStack-Ironic-API-Minimum-Version";
    public const string MaximumHeader = "X-OpenStack-Ironic-API-Maximum-Version";
    public const string StandardHeader = "OpenStack-API-Version";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var headers = context.Response.Headers;
        headers[MinimumHeader] = ApiVersion.Minimum.ToString();
        headers[MaximumHeader] = ApiVersion.Maximum.ToString();
        headers.Vary = LegacyHeader;

        var requested = Requested(context.Request, out var viaStandard);
        ApiVersion version;
        if (requested is null)
        {
            version = ApiVersion.Minimum;
        }
        else if (requested.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            version = ApiVersion.Maximum;
        }
        else if (!ApiVersion.TryParse(requested, out version))
        {
            headers.Remove(MinimumHeader);
            headers.Remove(MaximumHeader);
            await ErrorBody.WriteAsync(context, 406,
                $"Invalid value for {LegacyHeader} header").ConfigureAwait(false);
            return;
        }
        else if (version < ApiVersion.Minimum || version > ApiVersion.Maximum)
        {
            // Clients (python-ironicclient) read Min/Max from this 406 and retry with a version we serve.
            var range = $"The supported version range is: [{ApiVersion.Minimum}, {ApiVersion.Maximum}].";
            await ErrorBody.WriteAsync(context, 406, version.Major != ApiVersion.Maximum.Major
                ? $"Mutually exclusive versions requested. Version {version} requested but not supported by this service. {range}"
                : $"Version {version} was requested but the minor version is not supported by this service. {range}").ConfigureAwait(false);
            return;
        }

        headers[LegacyHeader] = version.ToString();
        if (viaStandard)
        {
            headers[StandardHeader] = $"baremetal {version}";
        }

        context.SetApiVersion(version);
        await next(context).ConfigureAwait(false);
    }

    private static string? Requested(HttpRequest request, out bool viaStandard)
    {
        viaStandard = false;
        if (request.Headers.TryGetValue(LegacyHeader, out var legacy) && !string.IsNullOrWhiteSpace(legacy))
        {
            return legacy.ToString().Trim();
        }

        foreach (var value in request.Headers[StandardHeader])
        {
            foreach (var part in (value ?? "").Split(','))
            {
                var words = part.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (words.Length == 2 && words[0].Equals("baremetal", StringComparison.OrdinalIgnoreCase))
                {
                    viaStandard = true;
                    return words[1];
                }
            }
        }

        return null;
    }
}
