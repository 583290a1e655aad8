using System.Text.Json;
using Ironic.Bench.Measuring;

namespace Ironic.Bench.Http;

/// <summary>Reads a whole collection page by page.</summary>
internal static class Pager
{
    /// <summary>
    /// Follows each page's <c>next</c> link as given, as python-ironicclient does. Answers the number
    /// of items, or an error.
    /// </summary>
    public static async Task<(long Items, string? Error)> FollowNextAsync(
        IronicClient client, string firstPath, string collection, ScenarioRecorder recorder, CancellationToken ct)
    {
        long items = 0;
        string? path = firstPath;
        while (path is not null)
        {
            var response = await client.GetAsync(path, recorder, ct).ConfigureAwait(false);
            if (response.Status != 200)
            {
                return (items, response.Describe($"GET {path}"));
            }

            using var page = response.Json();
            items += page.RootElement.GetProperty(collection).GetArrayLength();
            path = NextPath(page.RootElement);
        }

        return (items, null);
    }

    /// <summary>
    /// Pages with <c>marker</c> added to the original query each time. The Python Ironic drops filters
    /// from its <c>next</c> links, so following them would read nodes the filter excludes.
    /// </summary>
    public static async Task<string?> ByMarkerAsync(
        IronicClient client, string pathAndQuery, string collection, ScenarioRecorder recorder,
        Action<JsonElement> onItem, CancellationToken ct)
    {
        string? marker = null;
        while (true)
        {
            var path = marker is null ? pathAndQuery : $"{pathAndQuery}&marker={marker}";
            var response = await client.GetAsync(path, recorder, ct).ConfigureAwait(false);
            if (response.Status != 200)
            {
                return response.Describe($"GET {path}");
            }

            using var page = response.Json();
            string? last = null;
            foreach (var item in page.RootElement.GetProperty(collection).EnumerateArray())
            {
                onItem(item);
                last = item.GetProperty("uuid").GetString();
            }

            if (last is null || NextPath(page.RootElement) is null)
            {
                return null;
            }

            marker = last;
        }
    }

    private static string? NextPath(JsonElement page) =>
        page.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String && next.GetString() is { Length: > 0 } url
            ? new Uri(url).PathAndQuery
            : null;
}
