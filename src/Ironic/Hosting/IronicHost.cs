using Ironic.Api;
using Ironic.Commands;
using Ironic.Common.Config;
using Ironic.Conductor;
using Ironic.Conductor.Loading;
using Ironic.Data;
using Ironic.Data.Migrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ironic.Hosting;

/// <summary>
/// Builds the all-in-one process (API + conductor over one database). <c>ironic all</c> runs it;
/// tests start the very same application on a free port.
/// </summary>
public static partial class IronicHost
{
    /// <summary>Creates the application and applies pending migrations. <paramref name="urls"/> overrides <c>[api]</c>.</summary>
    public static async Task<WebApplication> CreateAsync(IronicOptions options, string? urls = null, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            });
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Logging.SetMinimumLevel(options.Default.Debug ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", options.Default.Debug ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.Api.MaxRequestBodySize;
        });
        builder.WebHost.UseUrls(urls ?? $"http://{FormatHost(options.Api.HostIp)}:{options.Api.Port}");

        var db = new Database(DatabaseUrl.Parse(options.Database.Connection));
        var catalog = DriverCatalog.Discover(options.Default.PluginDirs);
        builder.Services.AddIronicCore(options, db);
        builder.Services.AddIronicConductor(sp => new DriverRegistry(catalog, options,
            new DriverServices(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddIronicApi();

        var app = builder.Build();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ironic");
        // Created now, before anything is served: a configuration error stops start-up here, and
        // the options plugins read are known before the unknown ones are reported.
        var drivers = app.Services.GetRequiredService<DriverRegistry>();
        foreach (var unknown in options.Unknown)
        {
            LogUnknownOption(log, unknown);
        }

        foreach (var problem in catalog.Problems)
        {
            LogPluginProblem(log, problem.Source, problem.Reason);
        }

        LogDrivers(log, string.Join(", ", drivers.HardwareTypes.Keys));

        var applied = await new Migrator(db).UpgradeAsync().ConfigureAwait(false);
        if (applied.Count > 0)
        {
            LogMigrated(log, string.Join(", ", applied), db.Url.Target);
        }

        app.UseIronicApi();
        return app;
    }

    /// <summary>The address the started application listens on (useful with port 0).</summary>
    public static string ListeningAddress(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unknown option {Option} ignored")]
    private static partial void LogUnknownOption(ILogger log, string option);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Driver plugin {Source} skipped: {Reason}")]
    private static partial void LogPluginProblem(ILogger log, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded hardware types: {HardwareTypes}")]
    private static partial void LogDrivers(ILogger log, string hardwareTypes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database schema version(s) {Versions} to {Database}")]
    private static partial void LogMigrated(ILogger log, string versions, string database);
}
