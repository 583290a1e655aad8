using System.Text.Json.Nodes;

namespace Ironic.Drivers.Redfish;

/// <summary>
/// The system's virtual CD/DVD drives, found through the managers that manage it (Ironic's
/// <c>_insert_vmedia</c>/<c>_eject_vmedia</c> over sushy): eject what is inserted, insert an image URL.
/// </summary>
internal sealed class RedfishVirtualMedia(RedfishBmc bmc)
{
    private static readonly string[] CdTypes = ["CD", "DVD"];

    /// <summary>Ejects every inserted CD/DVD; returns how many were ejected.</summary>
    public async Task<int> EjectAsync(CancellationToken ct)
    {
        var ejected = 0;
        foreach (var (path, media) in await DevicesAsync(ct).ConfigureAwait(false))
        {
            if (media["Inserted"] is JsonValue v && v.TryGetValue<bool>(out var inserted) && !inserted)
            {
                continue;
            }

            var target = media["Actions"]?["#VirtualMedia.EjectMedia"]?["target"]?.ToString() ?? path + "/Actions/VirtualMedia.EjectMedia";
            await bmc.PostAsync(target, new JsonObject(), ct).ConfigureAwait(false);
            ejected++;
        }

        return ejected;
    }

    /// <summary>Inserts <paramref name="imageUrl"/> into the first CD/DVD that takes it.</summary>
    /// <exception cref="InvalidParameterValue">The BMC has no virtual CD or DVD, or none took the image.</exception>
    public async Task InsertAsync(string imageUrl, CancellationToken ct)
    {
        var devices = await DevicesAsync(ct).ConfigureAwait(false);
        if (devices.Count == 0)
        {
            throw new InvalidParameterValue(
                $"No suitable virtual media device found for node {bmc.Node}: the managers of its system at {bmc.Endpoint.Address} " +
                "offer no virtual CD or DVD (Manager VirtualMedia).");
        }

        var errors = new List<string>();
        foreach (var (path, media) in devices)
        {
            var target = media["Actions"]?["#VirtualMedia.InsertMedia"]?["target"]?.ToString() ?? path + "/Actions/VirtualMedia.InsertMedia";
            var body = new JsonObject { ["Image"] = imageUrl, ["Inserted"] = true, ["WriteProtected"] = true };
            try
            {
                try
                {
                    await bmc.PostAsync(target, body, ct).ConfigureAwait(false);
                }
                catch (RedfishError e) when (e.Status == 400 && AsksForTransferProtocol(e.Body))
                {
                    // As sushy: some BMCs want the protocol spelled out.
                    body["TransferProtocolType"] = imageUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "HTTPS" : "HTTP";
                    await bmc.PostAsync(target, body, ct).ConfigureAwait(false);
                }

                return;
            }
            catch (RedfishError e)
            {
                errors.Add(e.Message);
            }
        }

        throw new InvalidParameterValue(errors.Distinct().Count() == 1
            ? $"Virtual media mount failed for node {bmc.Node}. Error: {errors[0]}"
            : $"Virtual media mount failed for node {bmc.Node}. First error: {errors[0]}. Last error: {errors[^1]}");
    }

    /// <summary>The CD/DVD VirtualMedia resources of the system's managers (ManagedBy, else every manager).</summary>
    private async Task<List<(string Path, JsonObject Media)>> DevicesAsync(CancellationToken ct)
    {
        var system = await bmc.GetSystemAsync(ct).ConfigureAwait(false);
        var managers = (system["Links"]?["ManagedBy"] as JsonArray ?? []).Select(m => RedfishBmc.Link(m)).OfType<string>().ToList();
        if (managers.Count == 0 && RedfishBmc.Link(await bmc.RootAsync(ct).ConfigureAwait(false), "Managers") is { } collection)
        {
            var members = (await bmc.GetAsync(collection, ct).ConfigureAwait(false))["Members"] as JsonArray ?? [];
            managers = [.. members.Select(m => RedfishBmc.Link(m)).OfType<string>()];
        }

        var devices = new List<(string, JsonObject)>();
        foreach (var managerPath in managers)
        {
            var manager = await bmc.GetAsync(managerPath, ct).ConfigureAwait(false);
            if (RedfishBmc.Link(manager, "VirtualMedia") is not { } link)
            {
                continue;
            }

            foreach (var media in await bmc.MembersAsync(link, ct).ConfigureAwait(false))
            {
                var types = (media["MediaTypes"] as JsonArray ?? []).Select(t => t?.ToString());
                if (types.Any(t => CdTypes.Contains(t)) && RedfishBmc.Link(media) is { } path)
                {
                    devices.Add((path, media));
                }
            }
        }

        return devices;
    }

    private static bool AsksForTransferProtocol(JsonObject? body) =>
        (body?["error"]?["@Message.ExtendedInfo"] as JsonArray ?? [])
            .SelectMany(m => m?["RelatedProperties"] as JsonArray ?? [])
            .Any(p => p?.ToString() == "#/TransferProtocolType");
}
