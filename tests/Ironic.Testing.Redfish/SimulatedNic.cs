namespace Ironic.Testing.Redfish;

/// <summary>An EthernetInterface of a simulated system.</summary>
public sealed class SimulatedNic(string id, string mac)
{
    public string Id { get; } = id;

    public string Mac { get; set; } = mac;

    /// <summary>Enabled, Disabled, Absent, ...</summary>
    public string State { get; set; } = "Enabled";

    /// <summary>OK, Warning, Critical.</summary>
    public string Health { get; set; } = "OK";
}
