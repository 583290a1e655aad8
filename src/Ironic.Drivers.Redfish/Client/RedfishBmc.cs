using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// A node's BMC for one operation: its ComputerSystem and links from it, over the shared connection.
/// An unreachable BMC or refused credentials drop the connection from the cache, so the next
/// operation starts afresh (as Ironic's SessionCache does).
/// </summary>
internal sealed class RedfishBmc(string node, RedfishEndpoint endpoint, RedfishConnection connection)
{
    public string Node { get; } = node;

    public RedfishEndpoint Endpoint { get; } = endpoint;

    /// <summary>The node's ComputerSystem path: driver_info's, or the BMC's only system.</summary>
    public async Task<string> SystemPathAsync(CancellationToken ct)
    {
        if (Endpoint.SystemId is { } id)
        {
            return id;
        }

        if (connection.DefaultSystem is { } known)
        {
            return known;
        }

        var root = await RootAsync(ct).ConfigureAwait(false);
        var systems = Link(root, "Systems") ?? throw new RedfishError($"The Redfish service at {Endpoint.Address} has no Systems collection.");
        var collection = await GetAsync(systems, ct).ConfigureAwait(false);
        var members = collection["Members"] as JsonArray ?? [];
        if (members.Count != 1)
        {
            throw new RedfishError(
                $"Failed at determining default for \"ComputerSystem\": the BMC at {Endpoint.Address} manages {members.Count} systems; " +
                $"set driver_info/{RedfishDriverInfo.SystemId} of node {Node} to one of them.");
        }

        return connection.DefaultSystem = Link(members[0]) ?? throw new RedfishError($"The Systems collection at {Endpoint.Address} has a member without a link.");
    }

    /// <summary>GETs the node's ComputerSystem.</summary>
    public async Task<JsonObject> GetSystemAsync(CancellationToken ct)
    {
        var path = await SystemPathAsync(ct).ConfigureAwait(false);
        try
        {
            return await GetAsync(path, ct).ConfigureAwait(false);
        }
        catch (RedfishError e) when (e.Status == 404)
        {
            connection.DefaultSystem = null;
            throw new RedfishError($"The Redfish System \"{path}\" was not found at {Endpoint.Address} for node {Node}.", 404, e);
        }
    }

    /// <summary>The service root (fetched once per connection).</summary>
    public Task<JsonObject> RootAsync(CancellationToken ct) => Guard(connection.RootAsync(Node, ct));

    public Task<JsonObject> GetAsync(string path, CancellationToken ct) => Guard(connection.GetAsync(path, Node, ct));

    public Task<RedfishResponse> PatchAsync(string path, JsonObject body, CancellationToken ct) => Guard(connection.SendAsync(HttpMethod.Patch, path, body, Node, ct));

    public Task<RedfishResponse> PostAsync(string path, JsonObject? body, CancellationToken ct) => Guard(connection.SendAsync(HttpMethod.Post, path, body, Node, ct));

    /// <summary>The members of the collection at <paramref name="path"/>, each fetched.</summary>
    public async Task<List<JsonObject>> MembersAsync(string path, CancellationToken ct)
    {
        var collection = await GetAsync(path, ct).ConfigureAwait(false);
        var result = new List<JsonObject>();
        foreach (var member in collection["Members"] as JsonArray ?? [])
        {
            if (Link(member) is { } link)
            {
                result.Add(await GetAsync(link, ct).ConfigureAwait(false));
            }
        }

        return result;
    }

    /// <summary>The <c>@odata.id</c> of <paramref name="resource"/>'s property at <paramref name="path"/> (or of the resource itself).</summary>
    public static string? Link(JsonNode? resource, params string[] path)
    {
        var node = resource;
        foreach (var name in path)
        {
            node = node?[name];
        }

        return node?["@odata.id"]?.ToString();
    }

    private async Task<T> Guard<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (RedfishConnectionError)
        {
            RedfishConnectionCache.Evict(connection);
            throw;
        }
        catch (RedfishError) when (connection.Broken)
        {
            RedfishConnectionCache.Evict(connection);
            throw;
        }
    }
}
