using System.Globalization;
using Ironic.Api.Errors;
using Ironic.Api.Resources;
using Ironic.Api.Versioning;
using Ironic.Common.Validation;
using Ironic.Drivers;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Listing;

/// <summary>The common list parameters (<c>limit</c>, <c>marker</c>, <c>sort_key</c>, <c>sort_dir</c>, <c>fields</c>, <c>detail</c>), validated as Ironic does.</summary>
public sealed record ListParameters(int Limit, string? Marker, string SortKey, bool Descending, IReadOnlyList<string>? Fields, bool Detail)
{
    private static readonly string[] Common = ["limit", "marker", "sort_key", "sort_dir", "fields", "detail"];

    /// <summary>
    /// Parses the list parameters; <paramref name="filters"/> names the resource's filters, and any other
    /// parameter is refused so that a typo never silently lists everything.
    /// </summary>
    public static ListParameters Parse<T>(HttpRequest request, ResourceCodec<T> codec, int maxLimit, IReadOnlySet<string> unsortable,
        bool detailPath, IReadOnlyCollection<string> filters)
        where T : class
    {
        var version = request.HttpContext.ApiVersion();
        var q = request.Query;
        OnlyAllow(q, [.. Common.Where(c => !detailPath || c is not ("fields" or "detail")), .. filters]);

        var limit = maxLimit;
        // Present but empty is as Ironic: not an integer (only an absent limit means the default).
        if (q.TryGetValue("limit", out var rawLimit))
        {
            if (!int.TryParse(rawLimit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit))
            {
                throw new Invalid($"Expected an integer for limit: {rawLimit}");
            }

            limit = limit > 0 ? Math.Min(limit, maxLimit) : throw new Invalid("Limit must be positive");
        }

        var marker = q["marker"].ToString() is { Length: > 0 } rawMarker ? Identifiers.RequireUuid("marker", rawMarker) : null;

        var sortKey = q["sort_key"].ToString() is { Length: > 0 } rawKey ? rawKey : "id";
        if (sortKey != "id")
        {
            if (unsortable.Contains(sortKey))
            {
                throw new Invalid($"The sort_key value {sortKey} is an invalid field for sorting");
            }

            if (!codec.IsKnown(sortKey))
            {
                throw new Invalid($"The sort_key value \"{sortKey}\" is an invalid field for sorting");
            }

            if (!codec.IsVisible(sortKey, version))
            {
                throw ApiErrors.NotAcceptable();
            }
        }

        var sortDir = q.TryGetValue("sort_dir", out var rawDir) ? rawDir.ToString() : "asc";
        if (sortDir is not ("asc" or "desc"))
        {
            throw new Invalid($"Invalid sort direction: {sortDir}. Acceptable values are 'asc' or 'desc'");
        }

        IReadOnlyList<string>? fields = null;
        if (q.ContainsKey("fields"))
        {
            fields = ParseFields(q["fields"].ToString(), codec, version,
                invalid => new Invalid($"Field(s) \"{string.Join(", ", invalid)}\" are not valid"));
        }

        var detail = false;
        if (q["detail"].ToString() is { Length: > 0 } rawDetail)
        {
            detail = QueryBool.Parse("detail", rawDetail);
            if (!version.AtLeast(Microversions.DetailParameter))
            {
                throw new Invalid($"Invalid query parameter ?detail={rawDetail} received.");
            }

            if (detail && fields is not null)
            {
                throw new Invalid("Can not specify ?detail=True and fields in the same request.");
            }
        }

        return new ListParameters(limit, marker, sortKey, sortDir == "desc", fields, detail || detailPath);
    }

    /// <summary>Refuses any query parameter not in <paramref name="allowed"/>, so a typo never goes unnoticed.</summary>
    public static void OnlyAllow(IQueryCollection query, IReadOnlyCollection<string> allowed)
    {
        if (query.Keys.Where(k => !allowed.Contains(k)).ToList() is { Count: > 0 } unexpected)
        {
            throw ApiErrors.UnexpectedArguments(unexpected);
        }
    }

    /// <summary>The <c>fields</c> parameter of a single-resource GET; any other parameter is refused.</summary>
    public static IReadOnlyList<string>? SingleFields<T>(HttpRequest request, ResourceCodec<T> codec,
        Func<IReadOnlyList<string>, Exception>? invalid = null)
        where T : class
    {
        var q = request.Query;
        OnlyAllow(q, ["fields"]);
        return q.ContainsKey("fields")
            ? ParseFields(q["fields"].ToString(), codec, request.HttpContext.ApiVersion(),
                invalid ?? (names => new Invalid($"Field(s) \"{string.Join(", ", names)}\" are not valid")))
            : null;
    }

    /// <summary>
    /// Parses <c>fields</c>: lower-cased, de-duplicated, empty items dropped; 406 below 1.8 or for a field
    /// newer than the request; <paramref name="invalid"/> builds the error for unknown names.
    /// </summary>
    public static IReadOnlyList<string> ParseFields<T>(string raw, ResourceCodec<T> codec, ApiVersion version,
        Func<IReadOnlyList<string>, Exception> invalid)
        where T : class
    {
        if (!version.AtLeast(Microversions.Fields))
        {
            throw ApiErrors.NotAcceptable();
        }

        var fields = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(f => f.ToLowerInvariant()).Distinct().ToList();
        var unknown = fields.Where(f => f != "links" && !codec.IsKnown(f)).ToList();
        if (unknown.Count > 0)
        {
            throw invalid(unknown);
        }

        return fields.All(f => f == "links" || codec.IsVisible(f, version)) ? fields : throw ApiErrors.NotAcceptable();
    }
}
