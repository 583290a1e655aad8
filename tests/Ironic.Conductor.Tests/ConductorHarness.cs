using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Manager;
using Ironic.Conductor.Workers;
using Microsoft.Extensions.Logging.Abstractions;

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
        Drivers = new DriverRegistry(DriverTestSupport.Catalog(withTestPlugins), Options);
        Tasks = new TaskManager(fx.Store, Drivers, Options, Clock, NullLogger<TaskManager>.Instance);
        Pool = new WorkerPool(Options, NullLogger<WorkerPool>.Instance);
        Manager = new ConductorManager(fx.Store, Tasks, Drivers, Pool, Options, Clock, NullLogger<ConductorManager>.Instance);
    }

    public ManualTimeProvider Clock { get; } = new(ConductorFixture.T0.AddDays(1));

    public IronicOptions Options { get; }

    public DriverRegistry Drivers { get; }

    public TaskManager Tasks { get; }

    public WorkerPool Pool { get; }

    public ConductorManager Manager { get; }

    public string Host => Options.Default.Host;

    public ValueTask DisposeAsync() => Pool.DisposeAsync();
}
