using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>The manager's VirtualMedia collection and its CD, with the InsertMedia and EjectMedia actions. Called under the emulator's lock.</summary>
internal static class VirtualMediaResources
{
    public const string CollectionPath = "/redfish/v1/Managers/BMC/VirtualMedia";

    public static Reply? Route(string method, SimulatedVirtualMedia media, string[] rest, JsonObject? body) => (method, rest) switch
    {
        ("GET", []) => Reply.Ok(Reply.Collection(CollectionPath, "Virtual Media Services", [CollectionPath + "/" + media.Id])),
        ("GET", [var id]) when id == media.Id => Reply.Ok(Resource(media)),
        ("POST", [var id, "Actions", "VirtualMedia.InsertMedia"]) when id == media.Id => Insert(media, body ?? []),
        ("POST", [var id, "Actions", "VirtualMedia.EjectMedia"]) when id == media.Id => Eject(media),
        _ => null,
    };

    private static JsonObject Resource(SimulatedVirtualMedia media)
    {
        var path = CollectionPath + "/" + media.Id;
        return new JsonObject
        {
            ["@odata.id"] = path,
            ["Id"] = media.Id,
            ["Name"] = "Virtual CD",
            ["MediaTypes"] = new JsonArray([.. media.MediaTypes.Select(t => (JsonNode)t)]),
            ["Image"] = media.Image,
            ["Inserted"] = media.Inserted,
            ["WriteProtected"] = true,
            ["ConnectedVia"] = media.Inserted ? "URI" : "NotConnected",
            ["Actions"] = new JsonObject
            {
                ["#VirtualMedia.InsertMedia"] = new JsonObject { ["target"] = path + "/Actions/VirtualMedia.InsertMedia" },
                ["#VirtualMedia.EjectMedia"] = new JsonObject { ["target"] = path + "/Actions/VirtualMedia.EjectMedia" },
            },
        };
    }

    private static Reply Insert(SimulatedVirtualMedia media, JsonObject body)
    {
        media.InsertRequests.Add(body.ToJsonString());
        if (body["Image"]?.GetValue<string>() is not { Length: > 0 } image)
        {
            return Reply.Error(400, "Base.1.8.ActionParameterMissing", "The action InsertMedia requires the parameter Image.");
        }

        if (media.RequireTransferProtocolType && body["TransferProtocolType"] is null)
        {
            // What sushy looks for before resending with TransferProtocolType.
            var reply = Reply.Error(400, "Base.1.8.ActionParameterMissing", "The action InsertMedia requires the parameter TransferProtocolType.");
            ((JsonObject)reply.Body!["error"]!["@Message.ExtendedInfo"]![0]!)["RelatedProperties"] = new JsonArray("#/TransferProtocolType");
            return reply;
        }

        if (media.Inserted)
        {
            return Reply.Error(409, "Base.1.8.ResourceInUse", $"Media {media.Image} is already inserted; eject it first.");
        }

        media.Image = image;
        media.Inserted = true;
        return Reply.NoContent;
    }

    private static Reply Eject(SimulatedVirtualMedia media)
    {
        media.Ejects++;
        media.Image = null;
        media.Inserted = false;
        return Reply.NoContent;
    }
}
