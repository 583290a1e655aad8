using System.Text.Json;
using Ironic.Api.Listing;
using Ironic.Api.Resources;
using Ironic.Api.Versioning;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>The list behaviour every collection shares: parameters, keyset pages and the <c>next</c> link.</summary>
internal static class Collections
{
    /// <summary>Writes one item: the item, the fields to show (null for all), and whether to show sub-resource links.</summary>
    public delegate void Render<in T>(Utf8JsonWriter writer, T item, IReadOnlyCollection<string>? fields, bool full);

    public static async Task<IResult> ListAsync<T>(
        HttpContext http, ApiContext api, ResourceCodec<T> codec, Table<T> table, string collection,
        string[] listFields, IReadOnlySet<string> unsortable, IReadOnlyCollection<string> filterNames, IReadOnlyList<Filter> filters, bool detailPath,
        Func<T, string> uuidOf, Render<T> render)
        where T : class, new()
    {
        var p = ListParameters.Parse(http.Request, codec, api.Options.Api.MaxLimit, unsortable, detailPath, filterNames);
        var ct = http.RequestAborted;
        if (p.Marker is not null && await table.GetAsync("uuid", p.Marker, ct).ConfigureAwait(false) is null)
        {
            throw new NotFound($"{char.ToUpperInvariant(codec.ResourceName[0])}{codec.ResourceName[1..]} {p.Marker} could not be found.");
        }

        var items = table.StreamAsync(new ListQuery
        {
            Filters = filters,
            Limit = p.Limit,
            MarkerUuid = p.Marker,
            SortKey = p.SortKey,
            Descending = p.Descending,
        });

        var fields = p.Fields ?? (p.Detail ? null : listFields.Where(f => codec.IsVisible(f, http.ApiVersion())).ToArray());
        var full = p.Detail && p.Fields is null;
        var baseUrl = api.BaseUrl(http);

        // Rows are read as the response is written; a full page gets a link to the next one.
        return JsonResponse.List(collection, items, (writer, item) => render(writer, item, fields, full),
            (count, last) => count > 0 && count == p.Limit ? Links.Next(http.Request, baseUrl, p.Limit, uuidOf(last!)) : null);
    }
}
