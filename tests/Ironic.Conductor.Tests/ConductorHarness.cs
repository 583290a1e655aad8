using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Manager;
using Ironic.Conductor.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Conductor.Tests;

/// <summary>
/// A conductor manager over the fixture's database whose worker pool and task manager the test holds,
/// so it can wait for spawned work (<see cref="WorkerPool.WhenIdleAsync"/>) or fill the pool.
/// </summary>
internal sealed class ConductorHarness : IAsyncDisposable
{
    public ConductorHarness(ConductorFixture fx, string host, bool withTestPlugins, params (string Key, string Value)[] settings)
    {
        // One lock attempt: a retry would wait on the manual clock, which only the test moves.
        Options = DriverTestSupport.Options([("IRONIC_DEFAULT__HOST", host), ("IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_ATTEMPTS", "1"), .. settings]);
        Drivers = new DriverRegistry(DriverTestSupport.Catalog(withTestPlugins), Options,
            new DriverServices(Options, Clock, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        Services = ConductorServices.Build(fx.Store, Options, Drivers, Clock);
        Tasks = Services.GetRequiredService<TaskManager>();
        Pool = Services.GetRequiredService<WorkerPool>();
        Manager = Services.GetRequiredService<ConductorManager>();
    }

    /// <summary>Everything else the conductor has (step continuations, driver periodic tasks, ...).</summary>
    public ServiceProvider Services { get; }

    public ManualTimeProvider Clock { get; } = new(ConductorFixture.T0.AddDays(1));

    public IronicOptions Options { get; }

    public DriverRegistry Drivers { get; }

    public TaskManager Tasks { get; }

    public WorkerPool Pool { get; }

    public ConductorManager Manager { get; }

    public string Host => Options.Default.Host;

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
