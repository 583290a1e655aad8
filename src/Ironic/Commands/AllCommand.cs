using Ironic.Api;
using Ironic.Common.Config;
using Ironic.Conductor;
using Ironic.Data;
using Ironic.Data.Migrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ironic.Commands;

/// <summary><c>ironic all</c>: the API and the conductor in one process over one database.</summary>
internal static partial class AllCommand
{
    public static async Task<int> RunAsync(IronicOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(options.Default.Debug ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", options.Default.Debug ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.Api.MaxRequestBodySize;
        });
        builder.WebHost.UseUrls($"http://{FormatHost(options.Api.HostIp)}:{options.Api.Port}");

        var db = new Database(DatabaseUrl.Parse(options.Database.Connection));
        builder.Services.AddIronicCore(options, db);
        builder.Services.AddIronicConductor();
        builder.Services.AddIronicApi();

        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ironic");
        foreach (var unknown in options.Unknown)
        {
            LogUnknownOption(log, unknown);
        }

        var applied = await new Migrator(db).UpgradeAsync().ConfigureAwait(false);
        if (applied.Count > 0)
        {
            LogMigrated(log, string.Join(", ", applied), db.Url.Target);
        }

        app.UseIronicApi();
        LogListening(log, options.Api.HostIp, options.Api.Port, db.Url.Target);
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown option {Option} ignored")]
    private static partial void LogUnknownOption(ILogger log, string option);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database schema version(s) {Versions} to {Database}")]
    private static partial void LogMigrated(ILogger log, string versions, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ironic API listening on http://{Host}:{Port} (database {Database})")]
    private static partial void LogListening(ILogger log, string host, int port, string database);
}
