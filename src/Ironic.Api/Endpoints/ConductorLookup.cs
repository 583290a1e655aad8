using Ironic.Data;
using Ironic.Drivers.Objects;

namespace Ironic.Api.Endpoints;

/// <summary>
/// Answers a node's <c>conductor</c> field: an online conductor of the node's group that has its
/// driver. Read once per request, not once per node.
/// </summary>
internal sealed class ConductorLookup(IReadOnlyList<ConductorRecord> online)
{
    public static async Task<ConductorLookup> LoadAsync(IronicStore store, CancellationToken ct) =>
        new([.. (await store.Conductors.ListAsync(ct).ConfigureAwait(false)).Where(c => c.Online)]);

    public string? For(Node node) =>
        online.FirstOrDefault(c => c.Drivers.Contains(node.Driver) && c.ConductorGroup == node.ConductorGroup)?.Hostname;
}
