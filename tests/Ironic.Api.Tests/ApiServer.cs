using System.Text.Json.Nodes;
using Ironic.Conductor.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Api.Tests;

/// <summary>
/// The shared test host for the tests of a collection, with quick lock retries and a small page limit;
/// adds what only the API tests need.
/// </summary>
public sealed class ApiServer() : IronicTestHost(new Dictionary<string, string>
{
    ["IRONIC_DEFAULT__HOST"] = Host,
    ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_ATTEMPTS"] = "2",
    ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_INTERVAL"] = "0.05",
    ["IRONIC_API__MAX_LIMIT"] = "50",
}), IAsyncLifetime
{
    public const string Host = "api-test-host";

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>
    /// Occupies every conductor worker until the returned handle is disposed (which also waits for the
    /// pool to drain); returns how many workers it took.
    /// </summary>
    public (int Occupied, IAsyncDisposable Release) FillWorkerPool()
    {
        var workers = Services.GetRequiredService<WorkerPool>();
        var gate = new TaskCompletionSource();
        var occupied = 0;
        while (true)
        {
            try
            {
                workers.Spawn("test filler", _ => gate.Task);
                occupied++;
            }
            catch (Ironic.Common.Exceptions.NoFreeConductorWorker)
            {
                return (occupied, new PoolRelease(gate, this));
            }
        }
    }

    private sealed class PoolRelease(TaskCompletionSource gate, ApiServer server) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            gate.TrySetResult();
            await server.WhenIdleAsync();
        }
    }

    /// <summary>Creates a fake-hardware node and returns its JSON.</summary>
    public async Task<JsonObject> CreateNodeAsync(string? name = null, string extraJson = "")
    {
        var nameJson = name is null ? "" : $", \"name\": \"{name}\"";
        var reply = await PostAsync("/v1/nodes", $"{{\"driver\": \"fake-hardware\"{nameJson}{extraJson}}}");
        Assert.True(reply.Status == 201, reply.Body);
        return reply.Json;
    }
}
