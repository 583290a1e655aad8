using Ironic.Common.Rpc;
using Ironic.Common.Validation;
using Ironic.Conductor.Locking;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Manager;

/// <summary>Power state changes (Ironic's <c>change_node_power_state</c> and <c>node_power_action</c>).</summary>
public sealed partial class ConductorManager
{
    public async Task ChangeNodePowerStateAsync(string nodeUuid, string target, int? timeoutSeconds, CancellationToken ct)
    {
        var task = await tasks.AcquireAsync(nodeUuid, "changing node power state", ct: ct).ConfigureAwait(false);
        try
        {
            var power = task.Driver.Power;
            await power.ValidateAsync(task, ct).ConfigureAwait(false);
            if (!power.GetSupportedPowerStates(task).Contains(target))
            {
                throw new InvalidParameterValue(
                    $"The driver {task.Node.Driver} does not support the power state, {target}. " +
                    $"Supported power states are: {string.Join(", ", power.GetSupportedPowerStates(task))}.");
            }

            // Shown while the worker runs; a reboot ends powered on, a soft power off powered off.
            task.Node.TargetPowerState = target switch
            {
                PowerState.Rebooting or PowerState.SoftRebooting => PowerState.On,
                PowerState.SoftPowerOff => PowerState.Off,
                _ => target,
            };
            task.Node.LastError = null;
            await task.SaveNodeAsync(ct).ConfigureAwait(false);

            var timeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            await workers.HandOffAsync(task, $"power {target} of node {nodeUuid}",
                stop => NodePowerActionAsync(task, target, timeout, stop),
                undo: node => node.TargetPowerState = null).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private TimeSpan DefaultPowerTimeout => TimeSpan.FromSeconds(options.Conductor.PowerStateChangeTimeout);

    /// <summary>Runs a power action under the task's lock and records the outcome on the node.</summary>
    internal async Task NodePowerActionAsync(NodeTask task, string target, TimeSpan? timeout, CancellationToken ct)
    {
        var node = task.Node;
        var power = task.Driver.Power;
        var goal = node.TargetPowerState ?? target;
        try
        {
            node.PowerState = await power.ChangePowerStateAsync(task, target, timeout ?? DefaultPowerTimeout, ct).ConfigureAwait(false);
            node.LastError = null;
            Agent.AgentTokens.WipeOnPowerOff(node, target);
            LogPowerChanged(node.Uuid, node.PowerState ?? "");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            node.LastError = $"Failed to change power state to '{goal}' by '{target}'. Error: {e.Message}";
        }
        finally
        {
            node.TargetPowerState = null;
            await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (node.LastError is { } error)
        {
            LogPowerFailed(node.Uuid, target, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is now in power state {State}")]
    private partial void LogPowerChanged(string node, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Changing power state of node {Node} to {Target} failed: {Error}")]
    private partial void LogPowerFailed(string node, string target, string error);
}
