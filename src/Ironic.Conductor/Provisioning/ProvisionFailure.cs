using Ironic.Drivers.Objects;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// What failing a node's operation means, in one place for every path that does it (a failed
/// step, a timeout, a conductor restart): the failed state, the reason in last_error (the task's save
/// scrubs the node's secrets from it), and the step bookkeeping cleared so a later operation starts clean.
/// </summary>
internal static class ProvisionFailure
{
    private static readonly string[] StepKeys = ["clean_steps", "clean_step_index", "cleaning_manual", "cleaning_disable_ramdisk", "deploy_steps", "deploy_step_index"];

    /// <summary>The node fields <see cref="Apply"/> changes.</summary>
    public static readonly string[] Fields =
        ["provision_state", "target_provision_state", "provision_updated_at", "last_error", "maintenance_reason", "clean_step", "deploy_step", "driver_internal_info"];

    public static void Apply(Node node, string failedState, string error, DateTimeOffset now)
    {
        node.ProvisionState = failedState;
        node.TargetProvisionState = null;
        node.ProvisionUpdatedAt = now;
        node.LastError = error;

        node.CleanStep = [];
        node.DeployStep = [];
        foreach (var key in StepKeys)
        {
            node.DriverInternalInfo.Remove(key);
        }

        // The agent that was running the operation is done with: a new one must look up for a new token.
        Agent.AgentTokens.Wipe(node);
    }
}
