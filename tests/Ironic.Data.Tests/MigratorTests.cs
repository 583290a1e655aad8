using Ironic.Data.Migrations;
using Microsoft.Data.Sqlite;

namespace Ironic.Data.Tests;

public sealed class MigratorTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ironic-migrator-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Database db;

    public MigratorTests() => db = new Database(DatabaseUrl.Parse("sqlite:///" + Path.Combine(dir, "sub", "ironic.sqlite")));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task CurrentVersion_OfNewDatabase_IsZero()
    {
        Assert.Equal(0, await new Migrator(db).CurrentVersionAsync());
    }

    [Fact]
    public async Task Upgrade_OnNewDatabase_AppliesEveryStepInOrder()
    {
        var migrator = new Migrator(db);

        var applied = await migrator.UpgradeAsync();

        Assert.Equal(Enumerable.Range(1, Migrator.Latest), applied);
        Assert.Equal(Migrator.Latest, await migrator.CurrentVersionAsync());
        Assert.Equal(["bios_settings", "chassis", "conductor_hardware_interfaces", "conductors", "node_history", "node_inventory", "nodes", "portgroups", "ports", "schema_version"], await TablesAsync());
    }

    [Fact]
    public async Task Upgrade_WhenUpToDate_AppliesNothing()
    {
        var migrator = new Migrator(db);
        await migrator.UpgradeAsync();

        var again = await migrator.UpgradeAsync();

        Assert.Empty(again);
        Assert.Equal(Migrator.Latest, await migrator.CurrentVersionAsync());
    }

    [Fact]
    public async Task Upgrade_WhenDatabaseIsNewerThanBuild_RefusesNamingBothVersions()
    {
        var migrator = new Migrator(db);
        await migrator.UpgradeAsync();
        await ExecAsync($"INSERT INTO schema_version (version, name, applied_at) VALUES ({Migrator.Latest + 1}, 'future', 'x')");

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.UpgradeAsync());

        Assert.Contains($"version {Migrator.Latest + 1}", e.Message, StringComparison.Ordinal);
        Assert.Contains($"({Migrator.Latest})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_CreatesItsDirectoryAndRunsInWalMode()
    {
        Assert.True(Directory.Exists(Path.Combine(dir, "sub")));
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Database_EnforcesForeignKeys()
    {
        await new Migrator(db).UpgradeAsync();

        var e = await Assert.ThrowsAsync<SqliteException>(() => ExecAsync(
            "INSERT INTO ports (uuid, address, node_uuid, created_at) VALUES ('p', '02:00:00:00:00:01', 'no-such-node', 'x')"));

        Assert.Contains("FOREIGN KEY", e.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            names.Add(r.GetString(0));
        }

        return names;
    }

    private async Task ExecAsync(string sql)
    {
        await using var c = await db.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
