using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Workers;
using Ironic.Conductor.Manager;
using Ironic.Data;
using Ironic.Data.Migrations;
using Ironic.Drivers.Objects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ironic.Conductor.Tests;

/// <summary>A migrated temporary SQLite database shared by one test class, plus factories for conductor parts.</summary>
public sealed class ConductorFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly string dir = Path.Combine(Path.GetTempPath(), "ironic-conductor-tests-" + Guid.NewGuid().ToString("N"));

    public IronicStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var db = new Database(DatabaseUrl.Parse("sqlite:///" + Path.Combine(dir, "ironic.sqlite")));
        await new Migrator(db).UpgradeAsync();
        Store = new IronicStore(db);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Options as a conductor on <paramref name="host"/> would load them from its environment.</summary>
    public IronicOptions Options(string host, int retryAttempts = 1, double retryInterval = 0, string hardwareTypes = "fake-hardware,manual-management") =>
        IronicOptions.Load([], new Dictionary<string, string>
        {
            ["IRONIC_DEFAULT__HOST"] = host,
            ["IRONIC_DEFAULT__STATE_PATH"] = dir,
            ["IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES"] = hardwareTypes,
            ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_ATTEMPTS"] = retryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IRONIC_CONDUCTOR__NODE_LOCKED_RETRY_INTERVAL"] = retryInterval.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IRONIC_CONDUCTOR__CONDUCTOR_GROUP"] = "Rack1",
        });

    /// <summary>The built-in fake drivers, registered as discovery would register them.</summary>
    public static DriverRegistry Drivers(IronicOptions options)
    {
        var catalog = new DriverCatalog();
        catalog.Add(typeof(Ironic.Drivers.Fake.FakeHardware).Assembly, "test");
        return new DriverRegistry(catalog, options);
    }

    public TaskManager Tasks(string host, TimeProvider clock, int retryAttempts = 1, double retryInterval = 0)
    {
        var options = Options(host, retryAttempts, retryInterval);
        return new(Store, Drivers(options), options, clock, NullLogger<TaskManager>.Instance);
    }

    public ConductorManager Manager(string host, TimeProvider clock)
    {
        var options = Options(host);
        var drivers = Drivers(options);
        return ConductorServices.Build(Store, options, drivers, clock).GetRequiredService<ConductorManager>();
    }

    public static string NewUuid() => Guid.NewGuid().ToString("D");

    public static string NewMac()
    {
        var b = Guid.NewGuid().ToByteArray();
        return $"02:{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}";
    }

    public async Task<Node> AddNodeAsync(Action<Node>? configure = null)
    {
        var node = new Node
        {
            Uuid = NewUuid(),
            Driver = "fake-hardware",
            ProvisionState = "enroll",
            CreatedAt = T0,
        };
        configure?.Invoke(node);
        return await Store.Nodes.InsertAsync(node);
    }

    public async Task<Node> GetNodeAsync(string uuid) =>
        await Store.Nodes.GetAsync("uuid", uuid) ?? throw new InvalidOperationException($"node {uuid} is gone");
}
