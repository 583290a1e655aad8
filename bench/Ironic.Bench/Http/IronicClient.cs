using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ironic.Bench.Measuring;

namespace Ironic.Bench.Http;

/// <summary>
/// The Bare Metal API as a client sees it: every request carries the microversion header, and a 409
/// (node locked, stale write) or 503 (no free conductor worker) is retried after a pause, as
/// python-ironicclient does (it retries those 5 times, 2 s apart).
/// </summary>
internal sealed class IronicClient : IDisposable
{
    public const string VersionHeader = "X-OpenStack-Ironic-API-Version";
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient http;
    private readonly int maxRetries;
    private readonly TimeSpan retryDelay;

    public IronicClient(Uri endpoint, int connections, int maxRetries, TimeSpan retryDelay)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        http = new HttpClient(handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromMinutes(5) };
        this.maxRetries = maxRetries;
        this.retryDelay = retryDelay;
    }

    public string? ApiVersion { get; set; }

    public Task<ApiResponse> GetAsync(string path, ScenarioRecorder? recorder, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, path, null, recorder, ct);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json, ScenarioRecorder? recorder, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (ApiVersion is not null)
            {
                request.Headers.TryAddWithoutValidation(VersionHeader, ApiVersion);
            }

            if (json is not null)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
                request.Content.Headers.ContentType = JsonType;
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            recorder?.CountRequest();
            var status = (int)response.StatusCode;
            if (status is 409 or 503 && attempt < maxRetries)
            {
                recorder?.CountRetry();
                await Task.Delay(retryDelay, ct).ConfigureAwait(false);
                continue;
            }

            return new ApiResponse(status, body);
        }
    }

    public void Dispose() => http.Dispose();
}
