using Ironic.Common.Config;
using Ironic.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ironic.Commands;

/// <summary><c>ironic all</c>: the API and the conductor in one process over one database.</summary>
internal static partial class AllCommand
{
    public static async Task<int> RunAsync(IronicOptions options)
    {
        var app = await IronicHost.CreateAsync(options).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ironic");
        LogListening(log, IronicHost.ListeningAddress(app), options.Database.Connection.StartsWith("sqlite", StringComparison.Ordinal)
            ? options.Database.Connection : "(database)");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ironic API listening on {Address} (database {Database})")]
    private static partial void LogListening(ILogger log, string address, string database);
}
