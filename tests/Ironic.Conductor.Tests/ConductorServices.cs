using Ironic.Common.Config;
using Ironic.Conductor.Loading;
using Ironic.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Conductor.Tests;

/// <summary>The conductor's parts wired as the service wires them (no hosted services started), over a test's store, options and clock.</summary>
internal static class ConductorServices
{
    public static ServiceProvider Build(IronicStore store, IronicOptions options, DriverRegistry drivers, TimeProvider clock) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton(store)
            .AddSingleton(options)
            .AddSingleton(clock)
            .AddIronicConductor(drivers)
            .BuildServiceProvider();
}
