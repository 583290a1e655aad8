using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Conductor.Tests;

public sealed class ConductorServiceTests(ConductorFixture fx) : IClassFixture<ConductorFixture>
{
    private readonly ManualTimeProvider clock = new(ConductorFixture.T0.AddDays(2));

    [Fact]
    public async Task Start_ClearsReservationsLeftByACrashedRunOfThisHost_Only()
    {
        var host = "crashed-" + Guid.NewGuid().ToString("N");
        var mine = await fx.AddNodeAsync();
        var theirs = await fx.AddNodeAsync();
        // The previous run of this host died while holding a lock; another conductor holds one too.
        await fx.Store.Reservations.TryReserveAsync(mine.Uuid, host, "deploying", ConductorFixture.T0);
        await fx.Store.Reservations.TryReserveAsync(theirs.Uuid, "other-" + host, "cleaning", ConductorFixture.T0);
        var service = new ConductorService(fx.Store, ConductorFixture.Drivers(fx.Options(host)), fx.Options(host), clock, NullLogger<ConductorService>.Instance);

        await service.StartAsync(CancellationToken.None);
        try
        {
            Assert.Null((await fx.GetNodeAsync(mine.Uuid)).Reservation);
            Assert.Equal("other-" + host, (await fx.GetNodeAsync(theirs.Uuid)).Reservation);
            await using var task = await fx.Tasks(host, clock).AcquireAsync(mine.Uuid, "after restart");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            service.Dispose();
        }
    }

    [Fact]
    public async Task Start_RegistersOnline_AndStop_MarksOffline()
    {
        var host = "conductor-" + Guid.NewGuid().ToString("N");
        var service = new ConductorService(fx.Store, ConductorFixture.Drivers(fx.Options(host)), fx.Options(host), clock, NullLogger<ConductorService>.Instance);

        await service.StartAsync(CancellationToken.None);
        var row = Assert.Single(await fx.Store.Conductors.ListAsync(), c => c.Hostname == host);
        Assert.True(row.Online);
        Assert.Equal(["fake-hardware", "manual-management"], row.Drivers);
        Assert.Equal("rack1", row.ConductorGroup);
        Assert.Equal(clock.GetUtcNow(), row.CreatedAt);

        await service.StopAsync(CancellationToken.None);
        service.Dispose();
        Assert.False(Assert.Single(await fx.Store.Conductors.ListAsync(), c => c.Hostname == host).Online);
    }

    [Fact]
    public async Task Start_SchedulesHeartbeatsOnTheClockAtTheConfiguredInterval()
    {
        var host = "conductor-" + Guid.NewGuid().ToString("N");
        var service = new ConductorService(fx.Store, ConductorFixture.Drivers(fx.Options(host)), fx.Options(host), clock, NullLogger<ConductorService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await clock.WaitForTimerAsync();
        await service.StopAsync(CancellationToken.None);
        service.Dispose();

        Assert.Equal([(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10))], clock.Created);
    }
}
