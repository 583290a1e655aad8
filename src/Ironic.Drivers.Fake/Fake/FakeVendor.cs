namespace Ironic.Drivers.Fake;

/// <summary>The fake vendor interface; it offers no passthru methods yet.</summary>
[HardwareInterface("fake")]
public sealed class FakeVendor : VendorInterface
{
}
