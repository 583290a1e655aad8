using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace MyDriver;

/// <summary>The <c>driver_info</c> keys the plugin's interfaces read, and their check.</summary>
internal static class MyVendorInfo
{
    public const string Address = "my_driver_address";

    /// <summary>Shown by <c>openstack baremetal driver property list my-driver</c>.</summary>
    public static IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string>
    {
        [Address] = "IP address of the node's BMC. Required.",
    };

    /// <summary>Checks driver_info without talking to the BMC. The messages reach API clients: never echo a secret.</summary>
    public static void Validate(Node node)
    {
        if (node.DriverInfo[Address] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new MissingParameterValue($"Missing the following my-driver properties in node {node.Uuid} driver_info: {Address}.");
        }

        var address = value.GetValue<string>();
        if (!IPAddress.TryParse(address, out _))
        {
            throw new InvalidParameterValue($"Invalid {Address} '{address}' in node {node.Uuid} driver_info: it must be an IP address.");
        }
    }
}
