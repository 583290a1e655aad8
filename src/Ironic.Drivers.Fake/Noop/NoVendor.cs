using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>No vendor passthru (Ironic's <c>no-vendor</c>): every validation fails, so no method can be called.</summary>
[HardwareInterface("no-vendor")]
public sealed class NoVendor : VendorInterface
{
    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => throw Unsupported.For(task, this);

    public override Task ValidateAsync(ITaskContext task, string method, JsonObject args, CancellationToken ct) =>
        throw Unsupported.For(task, this);

    // No node, hence no driver name: Ironic names the interface class instead, and so do we.
    public override Task DriverValidateAsync(string method, JsonObject args, CancellationToken ct) =>
        throw Unsupported.For(nameof(NoVendor), Kind);
}
