using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace MyVendor.BareMetal;

/// <summary>The <c>driver_info</c> that <see cref="MyPower"/> and <see cref="MyManagement"/> both need.</summary>
internal static class MyDriverInfo
{
    public const string Address = "my_address";

    /// <summary>Shown by <c>openstack baremetal driver property list my-hardware</c>.</summary>
    public static IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string>
    {
        [Address] = "IP address of the pretend BMC. Required.",
    };

    /// <summary>Checks driver_info without talking to the BMC: validation runs inside API requests.</summary>
    public static void Validate(Node node)
    {
        if (node.DriverInfo[Address] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new MissingParameterValue($"Missing the following pretend BMC properties in node {node.Uuid} driver_info: {Address}.");
        }

        var address = value.GetValue<string>();
        if (!IPAddress.TryParse(address, out _))
        {
            throw new InvalidParameterValue($"Invalid {Address} '{address}' in node {node.Uuid} driver_info: it must be an IP address.");
        }
    }
}
