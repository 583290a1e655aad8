namespace Ironic.Drivers.Fake.Tests;

/// <summary>The built-in hardware types with the interfaces the conductor would choose for them by default.</summary>
internal static class FakeDrivers
{
    /// <summary>fake-hardware with every kind's fake, and the noop network (there is no fake one).</summary>
    public static TestDriver FakeHardware() => new("fake-hardware", new FakeHardware(),
        new FakeBios(), new FakeBoot(), new FakeConsole(), new FakeDeploy(), new FakeInspect(), new FakeManagement(),
        new NoopNetwork(), new FakePower(), new FakeRaid(), new FakeRescue(), new FakeStorage(), new FakeVendor());

    /// <summary>manual-management with its defaults: no-op optional interfaces, noop management.</summary>
    public static TestDriver ManualManagement() => new("manual-management", new ManualManagementHardware(),
        new NoBios(), new FakeBoot(), new NoConsole(), new FakeDeploy(), new NoInspect(), new NoopManagement(),
        new FlatNetwork(), new FakePower(), new NoRaid(), new NoRescue(), new NoopStorage(), new NoVendor());
}
