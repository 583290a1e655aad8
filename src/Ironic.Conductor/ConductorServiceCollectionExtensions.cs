using Ironic.Common.Rpc;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Workers;
using Ironic.Conductor.Manager;
using Microsoft.Extensions.DependencyInjection;

namespace Ironic.Conductor;

/// <summary>Wires the conductor into a host.</summary>
public static class ConductorServiceCollectionExtensions
{
    /// <summary>
    /// Adds the conductor and the in-process <see cref="IConductorApi"/>, with the drivers already
    /// discovered and enabled (<paramref name="drivers"/>), so configuration errors stop start-up first.
    /// </summary>
    public static IServiceCollection AddIronicConductor(this IServiceCollection services, DriverRegistry drivers) =>
        services.AddIronicConductor(_ => drivers);

    /// <summary>
    /// Adds the conductor with drivers created from the container (so plugins get the host's logging);
    /// resolve <see cref="DriverRegistry"/> right after building to fail start-up on a configuration error.
    /// </summary>
    public static IServiceCollection AddIronicConductor(this IServiceCollection services, Func<IServiceProvider, DriverRegistry> drivers)
    {
        services.AddSingleton(drivers);
        services.AddSingleton<WorkerPool>();
        services.AddSingleton<Provisioning.StepReports>();
        services.AddSingleton<TaskManager>();
        services.AddSingleton<Provisioning.FlowRunner>();
        services.AddSingleton<Provisioning.NodeCaches>();
        services.AddSingleton<Provisioning.StepRunner>();
        services.AddSingleton<Provisioning.Flows.CleanFlow>();
        services.AddSingleton<Provisioning.Flows.ProvisionFlow>(sp => sp.GetRequiredService<Provisioning.Flows.CleanFlow>());
        services.AddSingleton<Provisioning.Flows.ProvisionFlow, Provisioning.Flows.VerifyFlow>();
        services.AddSingleton<Provisioning.Flows.ProvisionFlow, Provisioning.Flows.DeployFlow>();
        services.AddSingleton<Provisioning.Flows.ProvisionFlow, Provisioning.Flows.TeardownFlow>();
        services.AddSingleton<Provisioning.Flows.InspectFlow>();
        services.AddSingleton<Provisioning.Flows.ProvisionFlow>(sp => sp.GetRequiredService<Provisioning.Flows.InspectFlow>());
        services.AddSingleton<Provisioning.Flows.ProvisionFlow, Provisioning.Flows.AdoptFlow>();
        services.AddSingleton<Provisioning.Flows.ProvisionFlow, Provisioning.Flows.RescueFlow>();
        services.AddSingleton<Provisioning.ProvisionActions>();
        services.AddSingleton<Provisioning.StepContinuations>();
        services.AddHostedService(sp => sp.GetRequiredService<Provisioning.StepContinuations>());
        services.AddSingleton<Agent.AgentCallbacks>();
        services.AddSingleton<ConductorManager>();
        services.AddSingleton<IConductorApi>(sp => sp.GetRequiredService<ConductorManager>());
        services.AddHostedService<ConductorService>();
        services.AddSingleton<Periodic.ProvisionTimeouts>();
        services.AddSingleton<Periodic.PowerSync>();
        services.AddSingleton<Periodic.HistoryCleanup>();
        services.AddSingleton<Periodic.DriverPeriodics>();
        services.AddHostedService<Periodic.PeriodicTasks>();
        return services;
    }
}
