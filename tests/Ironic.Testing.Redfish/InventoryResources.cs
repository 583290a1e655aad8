using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>A system's inventory: processors, memory, NICs and storage, as inspection reads them. Called under the emulator's lock.</summary>
internal static class InventoryResources
{
    public static Reply? Inventory(SimulatedSystem s, string[] rest)
    {
        var p = s.Path;
        var ok = new JsonObject { ["State"] = "Enabled", ["Health"] = "OK" };
        switch (rest)
        {
            case ["Processors"]:
                return Reply.Ok(Reply.Collection(p + "/Processors", "Processors", [p + "/Processors/CPU1", p + "/Processors/CPU2"]));
            case ["Processors", var cpu] when cpu is "CPU1" or "CPU2":
                var processor = new JsonObject
                {
                    ["@odata.id"] = $"{p}/Processors/{cpu}",
                    ["Id"] = cpu,
                    ["Socket"] = cpu,
                    ["ProcessorType"] = "CPU",
                    ["Model"] = "Sim CPU",
                    ["MaxSpeedMHz"] = 3000,
                    ["TotalCores"] = s.ThreadsPerProcessor / 2,
                    ["TotalThreads"] = s.ThreadsPerProcessor,
                    ["Status"] = ok.DeepClone(),
                };
                if (s.ProcessorArchitecture is not null)
                {
                    processor["ProcessorArchitecture"] = s.ProcessorArchitecture;
                }

                return Reply.Ok(processor);
            case ["EthernetInterfaces"]:
                return Reply.Ok(Reply.Collection(p + "/EthernetInterfaces", "NICs", s.Nics.Select(n => $"{p}/EthernetInterfaces/{n.Id}")));
            case ["EthernetInterfaces", var id] when s.Nics.Find(n => n.Id == id) is { } nic:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = $"{p}/EthernetInterfaces/{id}",
                    ["Id"] = id,
                    ["MACAddress"] = nic.Mac,
                    ["SpeedMbps"] = 10000,
                    ["Status"] = new JsonObject { ["State"] = nic.State, ["Health"] = nic.Health },
                });
            case ["SimpleStorage"]:
                return Reply.Ok(Reply.Collection(p + "/SimpleStorage", "Simple Storage", [p + "/SimpleStorage/1"]));
            case ["SimpleStorage", "1"]:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = p + "/SimpleStorage/1",
                    ["Id"] = "1",
                    ["Name"] = "SATA",
                    ["Devices"] = new JsonArray([.. s.SimpleStorageDisks.Select((size, i) => (JsonNode)new JsonObject
                    {
                        ["Name"] = $"Disk{i + 1}",
                        ["Model"] = "Sim SSD",
                        ["CapacityBytes"] = size,
                        ["Status"] = ok.DeepClone(),
                    })]),
                });
            case ["Storage"]:
                return Reply.Ok(Reply.Collection(p + "/Storage", "Storage", [p + "/Storage/1"]));
            case ["Storage", "1"]:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = p + "/Storage/1",
                    ["Id"] = "1",
                    ["Name"] = "RAID controller",
                    ["StorageControllers"] = new JsonArray(new JsonObject { ["MemberId"] = "0", ["Name"] = "Sim RAID" }),
                    ["Drives"] = new JsonArray([.. s.StorageDrives.Select((_, i) => (JsonNode)Reply.Link($"{p}/Storage/1/Drives/{i + 1}"))]),
                    ["Volumes"] = Reply.Link(p + "/Storage/1/Volumes"),
                });
            case ["Storage", "1", "Drives", var d] when int.TryParse(d, out var di) && di >= 1 && di <= s.StorageDrives.Count:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = $"{p}/Storage/1/Drives/{d}",
                    ["Id"] = d,
                    ["Name"] = "Drive " + d,
                    ["CapacityBytes"] = s.StorageDrives[di - 1],
                    ["BlockSizeBytes"] = 512,
                    ["MediaType"] = "SSD",
                    ["Protocol"] = "SATA",
                    ["Status"] = ok.DeepClone(),
                });
            case ["Storage", "1", "Volumes"]:
                return Reply.Ok(Reply.Collection(p + "/Storage/1/Volumes", "Volumes", s.StorageVolumes.Select((_, i) => $"{p}/Storage/1/Volumes/{i + 1}")));
            case ["Storage", "1", "Volumes", var v] when int.TryParse(v, out var vi) && vi >= 1 && vi <= s.StorageVolumes.Count:
                return Reply.Ok(new JsonObject
                {
                    ["@odata.id"] = $"{p}/Storage/1/Volumes/{v}",
                    ["Id"] = v,
                    ["CapacityBytes"] = s.StorageVolumes[vi - 1],
                    ["VolumeType"] = "Mirrored",
                    ["RAIDType"] = "RAID1",
                });
            default:
                return null;
        }
    }
}
