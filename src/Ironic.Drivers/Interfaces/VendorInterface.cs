using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>
/// Vendor passthru: extra methods a driver exposes at <c>/v1/nodes/{node}/vendor_passthru</c> and
/// <c>/v1/drivers/{driver}/vendor_passthru</c>.
/// </summary>
public abstract class VendorInterface : BaseInterface
{
    public sealed override string Kind => InterfaceKind.Vendor;

    /// <summary>The vendor methods this interface declares by attribute (read once per type).</summary>
    public VendorMethodTable Methods => VendorMethodTable.For(GetType());

    /// <summary>Checks a node vendor method call before it runs.</summary>
    public virtual Task ValidateAsync(ITaskContext task, string method, JsonObject args, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Checks a driver vendor method call before it runs.</summary>
    public virtual Task DriverValidateAsync(string method, JsonObject args, CancellationToken ct) => Task.CompletedTask;
}
