namespace Ironic.Bench.Scenarios;

/// <summary>C concurrent clients working through a list of operations.</summary>
internal static class Workers
{
    public static Task ForEachAsync<T>(IEnumerable<T> items, int concurrency, Func<T, CancellationToken, Task> body, CancellationToken ct) =>
        Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
            async (item, token) => await body(item, token).ConfigureAwait(false));
}
