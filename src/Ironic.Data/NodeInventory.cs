using System.Text.Json.Nodes;

namespace Ironic.Data;

/// <summary>What in-band inspection stored for a node (Ironic's <c>node_inventory</c>): the ramdisk's inventory and plugin data.</summary>
public sealed record NodeInventory(JsonObject Inventory, JsonObject PluginData, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt);
