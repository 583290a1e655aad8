namespace Ironic.Bench.Scenarios;

/// <summary>
/// Pauses between polls of one node: short at first so a fast server is seen to be fast, then
/// growing to <c>--poll-ms</c> so a slow one is not flooded with polls. Both servers get the same.
/// </summary>
internal static class Backoff
{
    private static readonly int[] StepsMs = [2, 5, 10, 20, 50];

    public static TimeSpan Delay(int attempt, int maxMs) =>
        TimeSpan.FromMilliseconds(Math.Min(attempt < StepsMs.Length ? StepsMs[attempt] : maxMs, maxMs));
}
