namespace Ironic.Testing.Redfish;

/// <summary>
/// The BMC's virtual CD (<c>/redfish/v1/Managers/BMC/VirtualMedia/Cd</c>): what is inserted and every
/// InsertMedia/EjectMedia request, for tests to assert on. A BMC refuses to insert over inserted media
/// (409), as real ones do, so a client must eject first.
/// </summary>
public sealed class SimulatedVirtualMedia
{
    public string Id { get; } = "Cd";

    public IReadOnlyList<string> MediaTypes { get; set; } = ["CD", "DVD"];

    /// <summary>The URL of the inserted image, or null.</summary>
    public string? Image { get; set; }

    public bool Inserted { get; set; }

    /// <summary>True: an InsertMedia without <c>TransferProtocolType</c> is refused with the 400 sushy retries on.</summary>
    public bool RequireTransferProtocolType { get; set; }

    /// <summary>The InsertMedia bodies received (JSON text), oldest first, refused ones included.</summary>
    public List<string> InsertRequests { get; } = [];

    /// <summary>How many EjectMedia requests arrived.</summary>
    public int Ejects { get; set; }
}
