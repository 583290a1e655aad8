namespace Ironic.Drivers.Pxe.Tests;

/// <summary>Network and storage interfaces that record, in one shared list, what the deploy interface asked of them.</summary>
internal sealed class RecordingNetwork(List<string> calls) : NetworkInterface
{
    public List<string> Calls => calls;

    public override Task ValidateAsync(ITaskContext task, CancellationToken ct) => Record(calls, "network.validate");

    public override Task ConfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Record(calls, "network.configure_tenant_networks");

    public override Task UnconfigureTenantNetworksAsync(ITaskContext task, CancellationToken ct) => Record(calls, "network.unconfigure_tenant_networks");

    internal static Task Record(List<string> calls, string call)
    {
        calls.Add(call);
        return Task.CompletedTask;
    }
}
