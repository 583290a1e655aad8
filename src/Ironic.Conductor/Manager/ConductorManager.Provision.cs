using Ironic.Common.Rpc;

namespace Ironic.Conductor.Manager;

/// <summary>Provision state changes: the RPC front of <see cref="Provisioning.ProvisionActions"/>, where the flows live.</summary>
public sealed partial class ConductorManager
{
    public Task DoProvisioningActionAsync(string nodeUuid, string verb, ProvisionArguments args, CancellationToken ct) =>
        provisioning.DoProvisioningActionAsync(nodeUuid, verb, args, ct);

    public Task ContinueNodeCleanAsync(string nodeUuid, CancellationToken ct) => provisioning.ContinueNodeCleanAsync(nodeUuid, ct);

    public Task ContinueNodeDeployAsync(string nodeUuid, CancellationToken ct) => provisioning.ContinueNodeDeployAsync(nodeUuid, ct);
}
