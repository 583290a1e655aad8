using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor;

/// <summary>
/// The conductor's life: at start it clears locks its previous incarnation left behind (a crash
/// leaves reservations naming this host), registers itself with its drivers, then heartbeats.
/// </summary>
public sealed partial class ConductorService(IronicStore store, DriverRegistry drivers, IronicOptions options, TimeProvider clock, ILogger<ConductorService> log)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var host = options.Default.Host;
        foreach (var node in await Provisioning.Recovery.FailInterruptedAsync(store, host, clock.GetUtcNow(), options.Conductor.NodeHistory, cancellationToken).ConfigureAwait(false))
        {
            LogRecovered(node.Uuid, node.ProvisionState ?? "");
        }

        var cleared = await store.Reservations.ClearAllAsync(host, cancellationToken).ConfigureAwait(false);
        if (cleared.Count > 0)
        {
            LogCleared(cleared.Count, host);
        }

        await store.Conductors.RegisterAsync(host, [.. drivers.HardwareTypes.Keys], options.Conductor.ConductorGroup,
            clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await store.Conductors.RegisterHardwareInterfacesAsync(host, HardwareInterfaces(), cancellationToken).ConfigureAwait(false);
        LogRegistered(host, string.Join(", ", drivers.HardwareTypes.Keys));
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<HardwareInterfaceRecord> HardwareInterfaces()
    {
        foreach (var hw in drivers.HardwareTypes.Keys)
        {
            foreach (var kind in Ironic.Drivers.InterfaceKind.All)
            {
                var defaultName = drivers.DefaultInterface(hw, kind, null);
                foreach (var name in drivers.EnabledSupported(hw, kind))
                {
                    yield return new HardwareInterfaceRecord(options.Default.Host, hw, kind, name, name == defaultName);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await store.Conductors.UnregisterAsync(options.Default.Host, CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Conductor.HeartbeatInterval), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await store.Conductors.TouchAsync(options.Default.Host, clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed heartbeat must not stop the conductor; the next tick tries again.
                LogHeartbeatFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleared {Count} node reservation(s) left by a previous run of conductor {Host}")]
    private partial void LogCleared(int count, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} was interrupted by a conductor restart and is now in {State}")]
    private partial void LogRecovered(string node, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conductor {Host} registered with drivers: {Drivers}")]
    private partial void LogRegistered(string host, string drivers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conductor heartbeat failed")]
    private partial void LogHeartbeatFailed(Exception e);
}
