using Ironic.Common.Config;
using Ironic.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Commands;

/// <summary>What every process needs: options, the clock, the database.</summary>
public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddIronicCore(this IServiceCollection services, IronicOptions options, Database db)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(db);
        services.AddSingleton<IronicStore>();
        return services;
    }
}
