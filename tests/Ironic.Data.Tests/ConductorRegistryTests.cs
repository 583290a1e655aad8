namespace Ironic.Data.Tests;

public sealed class ConductorRegistryTests(DatabaseFixture fx) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private ConductorRegistry Conductors => fx.Store.Conductors;

    [Fact]
    public async Task Register_AddsAnOnlineConductorWithItsDrivers()
    {
        var host = "c-" + Guid.NewGuid().ToString("N");

        await Conductors.RegisterAsync(host, ["fake-hardware", "ipmi"], "rack1", T0);

        var row = Assert.Single(await Conductors.ListAsync(), c => c.Hostname == host);
        Assert.True(row.Online);
        Assert.Equal(["fake-hardware", "ipmi"], row.Drivers);
        Assert.Equal("rack1", row.ConductorGroup);
        Assert.Equal(T0, row.CreatedAt);
    }

    [Fact]
    public async Task Register_AfterRestart_UpdatesTheSameRowAndComesBackOnline()
    {
        var host = "c-" + Guid.NewGuid().ToString("N");
        await Conductors.RegisterAsync(host, ["fake-hardware"], "", T0);
        await Conductors.UnregisterAsync(host);

        await Conductors.RegisterAsync(host, ["redfish"], "rack2", T0.AddHours(1));

        var row = Assert.Single(await Conductors.ListAsync(), c => c.Hostname == host);
        Assert.True(row.Online);
        Assert.Equal(["redfish"], row.Drivers);
        Assert.Equal("rack2", row.ConductorGroup);
        Assert.Equal(T0, row.CreatedAt);
        Assert.Equal(T0.AddHours(1), row.UpdatedAt);
    }

    [Fact]
    public async Task Unregister_MarksOffline_AndTouch_RecordsHeartbeat()
    {
        var host = "c-" + Guid.NewGuid().ToString("N");
        await Conductors.RegisterAsync(host, ["fake-hardware"], "", T0);

        await Conductors.UnregisterAsync(host);
        Assert.False(Assert.Single(await Conductors.ListAsync(), c => c.Hostname == host).Online);

        await Conductors.TouchAsync(host, T0.AddSeconds(10));
        var row = Assert.Single(await Conductors.ListAsync(), c => c.Hostname == host);
        Assert.True(row.Online);
        Assert.Equal(T0.AddSeconds(10), row.UpdatedAt);
    }
}
