using Ironic.Common.Config;
using Ironic.Data;
using Ironic.Data.Migrations;

namespace Ironic.Commands;

/// <summary><c>ironic dbsync</c>: applies pending schema migrations and reports what it did.</summary>
internal static class DbSyncCommand
{
    public static async Task<int> RunAsync(IronicOptions options)
    {
        var db = new Database(DatabaseUrl.Parse(options.Database.Connection));
        var applied = await new Migrator(db).UpgradeAsync().ConfigureAwait(false);
        Console.WriteLine(applied.Count == 0
            ? $"Database {db.Url.Target} is up to date (schema version {Migrator.Latest})."
            : $"Database {db.Url.Target}: applied schema version(s) {string.Join(", ", applied)}; now at {Migrator.Latest}.");
        return 0;
    }
}
