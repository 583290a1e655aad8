using Ironic.Data;
using Ironic.Data.Migrations;
using Ironic.Drivers.Objects;
using Microsoft.Data.Sqlite;

namespace Ironic.Data.Tests;

/// <summary>A migrated SQLite database in its own temporary directory, shared by one test class and removed after it.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Epoch = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "ironic-data-tests-" + Guid.NewGuid().ToString("N"));

    public Database Database { get; private set; } = null!;

    public IronicStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = new Database(DatabaseUrl.Parse("sqlite:///" + Path.Combine(StateDirectory, "ironic.sqlite")));
        await new Migrator(Database).UpgradeAsync();
        Store = new IronicStore(Database);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(StateDirectory, recursive: true);
        return Task.CompletedTask;
    }

    public static string NewUuid() => Guid.NewGuid().ToString("D");

    /// <summary>A random locally administered MAC address.</summary>
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
            PowerState = "power off",
            CreatedAt = Epoch,
        };
        configure?.Invoke(node);
        return await Store.Nodes.InsertAsync(node);
    }

    public async Task<Port> AddPortAsync(string nodeUuid, Action<Port>? configure = null)
    {
        var port = new Port { Uuid = NewUuid(), Address = NewMac(), NodeUuid = nodeUuid, CreatedAt = Epoch };
        configure?.Invoke(port);
        return await Store.Ports.InsertAsync(port);
    }

    public async Task<Portgroup> AddPortgroupAsync(string nodeUuid, Action<Portgroup>? configure = null)
    {
        var pg = new Portgroup { Uuid = NewUuid(), NodeUuid = nodeUuid, CreatedAt = Epoch };
        configure?.Invoke(pg);
        return await Store.Portgroups.InsertAsync(pg);
    }
}
