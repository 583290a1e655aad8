using System.Text.Json.Nodes;
using Ironic.Common.Rpc;
using Ironic.Common.Validation;
using Ironic.Conductor.Locking;
using Ironic.Conductor.Provisioning;
using Ironic.Conductor.States;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Manager;

/// <summary>
/// Provision state changes: the API verb is checked against the state table under the node's
/// exclusive lock, the node moves to the transient state, and the work runs on a worker that keeps
/// the lock until the node rests again (or waits for a callback).
/// </summary>
public sealed partial class ConductorManager
{
    // API verb -> state machine event.
    private static readonly Dictionary<string, string> VerbEvents = new(StringComparer.Ordinal)
    {
        ["manage"] = "manage", ["provide"] = "provide", ["clean"] = "clean", ["inspect"] = "inspect",
        ["active"] = "deploy", ["deploy"] = "deploy", ["rebuild"] = "rebuild",
        ["deleted"] = "delete", ["undeploy"] = "delete", ["abort"] = "abort", ["adopt"] = "adopt",
        ["rescue"] = "rescue", ["unrescue"] = "unrescue",
    };

    private static readonly string[] RefusedInMaintenance = ["deploy", "rebuild", "provide", "clean", "inspect", "adopt", "rescue", "unrescue"];

    public async Task DoProvisioningActionAsync(string nodeUuid, string verb, ProvisionArguments args, CancellationToken ct)
    {
        var @event = VerbEvents.GetValueOrDefault(verb) ?? throw new InvalidParameterValue($"Unknown provision action {verb}.");
        var task = await tasks.AcquireAsync(nodeUuid, $"provision action {verb}", ct: ct).ConfigureAwait(false);
        try
        {
            var node = task.Node;
            var from = node.ProvisionState ?? Available;
            if (@event == "abort")
            {
                await AbortAsync(task, from).ConfigureAwait(false);
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var to = ProvisionStateMachine.Next(from, @event) ?? throw new Invalid(
                $"The requested action \"{verb}\" can not be performed on node \"{node.Uuid}\" while it is in state \"{from}\".");
            if (node.Maintenance && RefusedInMaintenance.Contains(@event))
            {
                throw new Invalid($"The {verb} operation can't be performed on node {node.Uuid} because it's in maintenance mode.");
            }

            if (node.Retired && @event == "provide")
            {
                throw new Invalid($"The provide operation can't be performed on node {node.Uuid} because it is retired.");
            }

            if (node.Protected && @event is "delete" or "rebuild")
            {
                throw new NodeProtected(node.Uuid);
            }

            if (@event is "deploy" or "rebuild")
            {
                await ValidateDeployAsync(task, ct).ConfigureAwait(false);
            }

            var plan = Prepare(task, @event, args);
            var (previousState, previousTarget) = (node.ProvisionState, node.TargetProvisionState);
            Move(task, to, ProvisionStateMachine.TargetOf(to) ?? (@event == "clean" ? Manageable : Available));
            if (@event == "rescue" && args.RescuePassword is { } password)
            {
                node.InstanceInfo["rescue_password"] = password;
            }

            if (@event == "clean" && args.DisableRamdisk == true)
            {
                // Read by deploy interfaces that would otherwise boot a ramdisk for the steps.
                node.DriverInternalInfo["cleaning_disable_ramdisk"] = true;
            }

            if (args.ConfigDrive is { } configDrive)
            {
                node.InstanceInfo["configdrive"] = configDrive.DeepClone();
            }

            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            if (ProvisionStateMachine.StableStates.Contains(to))
            {
                // A move between resting states (e.g. available to manageable) has no work to do.
                node.TargetProvisionState = null;
                await task.SaveNodeAsync(ct).ConfigureAwait(false);
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            await SpawnFlowAsync(task, $"{verb} of node {nodeUuid}", previousState, previousTarget,
                stop => RunFlowAsync(task, @event, plan, stop)).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task ContinueNodeCleanAsync(string nodeUuid, CancellationToken ct) => ContinueAsync(nodeUuid, CleanWait, "clean_steps", ct);

    public Task ContinueNodeDeployAsync(string nodeUuid, CancellationToken ct) => ContinueAsync(nodeUuid, DeployWait, "deploy_steps", ct);

    private async Task ContinueAsync(string nodeUuid, string waitState, string stepsKey, CancellationToken ct)
    {
        var task = await tasks.AcquireAsync(nodeUuid, $"continue after {waitState}", ct: ct).ConfigureAwait(false);
        try
        {
            if (task.Node.ProvisionState != waitState)
            {
                throw new Invalid($"Cannot continue node {nodeUuid}: it is in state \"{task.Node.ProvisionState}\", not \"{waitState}\".");
            }

            var previousTarget = task.Node.TargetProvisionState;
            Move(task, ProvisionStateMachine.Next(waitState, "resume")!, previousTarget);
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            var deploy = stepsKey == "deploy_steps";
            var next = (task.Node.DriverInternalInfo[deploy ? "deploy_step_index" : "clean_step_index"]?.GetValue<int>() ?? -1) + 1;
            await SpawnFlowAsync(task, $"continue {(deploy ? "deploy" : "clean")} of node {nodeUuid}", waitState, previousTarget,
                stop => RunStepsAsync(task, deploy, next, stop)).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs a flow on a worker that owns the task (and its lock). Whatever escapes the flow, a database
    /// error or the conductor stopping, fails the node rather than leaving it in a transient state.
    /// When no worker is free, the node goes back to where it was and the caller gets the 503.
    /// </summary>
    private Task SpawnFlowAsync(NodeTask task, string description, string? previousState, string? previousTarget,
        Func<CancellationToken, Task> flow) =>
        HandToWorkerAsync(task, description, async stop =>
        {
            try
            {
                await flow(stop).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await FailAsync(task, e is OperationCanceledException
                    ? $"The operation on node {task.Node.Uuid} was interrupted: its conductor is stopping."
                    : $"The operation on node {task.Node.Uuid} failed unexpectedly: {e.Message}").ConfigureAwait(false);
            }
        },
        undo: node =>
        {
            node.ProvisionState = previousState;
            node.TargetProvisionState = previousTarget;
        });

    /// <summary>As Ironic's start_deploy: a node whose power or deploy (and so boot) settings are wrong is refused with 400, not failed.</summary>
    private static async Task ValidateDeployAsync(NodeTask task, CancellationToken ct)
    {
        try
        {
            await task.Driver.Power.ValidateAsync(task, ct).ConfigureAwait(false);
            await task.Driver.Deploy.ValidateAsync(task, ct).ConfigureAwait(false);
        }
        catch (IronicException e) when (e.Code == 400)
        {
            throw new InvalidParameterValue($"Failed to deploy instance: Failed to validate deploy or power info for node {task.Node.Uuid}: {e.Message}");
        }
    }

    // Plans what a verb will run, so bad steps are refused before the node moves.
    private List<JsonObject>? Prepare(NodeTask task, string @event, ProvisionArguments args)
    {
        switch (@event)
        {
            case "clean":
                if (args.CleanSteps is not { Count: > 0 } steps)
                {
                    throw new InvalidParameterValue("clean_steps is required and must be a non-empty list when the target is clean.");
                }

                return StepPlan.Manual(task, steps, deploy: false);
            case "provide":
                return options.Conductor.AutomatedClean && task.Node.AutomatedClean != false
                    ? StepPlan.Automated(task, deploy: false, options.Conductor.CleanStepPriorityOverride)
                    : [];
            case "deploy" or "rebuild":
                var plan = StepPlan.Automated(task, deploy: true);
                if (args.DeploySteps is { Count: > 0 } user)
                {
                    plan.AddRange(StepPlan.Manual(task, user, deploy: true));
                }

                return plan;
            default:
                return null;
        }
    }

    private async Task RunFlowAsync(NodeTask task, string @event, List<JsonObject>? plan, CancellationToken ct)
    {
        var node = task.Node;
        var driver = task.Driver;
        try
        {
            switch (@event)
            {
                case "manage":
                    // Verification: the BMC credentials must work.
                    await driver.Power.ValidateAsync(task, ct).ConfigureAwait(false);
                    await driver.Management.ValidateAsync(task, ct).ConfigureAwait(false);
                    node.PowerState = await driver.Power.GetPowerStateAsync(task, ct).ConfigureAwait(false);
                    await CacheBootModeAsync(task, ct).ConfigureAwait(false);
                    await CacheBiosSettingsAsync(task, ct).ConfigureAwait(false);
                    await FinishAsync(task, "done", ct).ConfigureAwait(false);
                    return;
                case "provide" or "clean":
                    StartSteps(node, plan!, deploy: false, manual: @event == "clean");
                    await RunStepsAsync(task, deploy: false, 0, ct).ConfigureAwait(false);
                    return;
                case "deploy" or "rebuild":
                    await driver.Deploy.PrepareAsync(task, ct).ConfigureAwait(false);
                    StartSteps(node, plan!, deploy: true, manual: false);
                    await RunStepsAsync(task, deploy: true, 0, ct).ConfigureAwait(false);
                    return;
                case "delete":
                    await driver.Deploy.TearDownAsync(task, ct).ConfigureAwait(false);
                    await driver.Deploy.CleanUpAsync(task, ct).ConfigureAwait(false);
                    node.InstanceInfo = [];
                    node.InstanceUuid = null;
                    Move(task, ProvisionStateMachine.Next(Deleting, "clean")!, Available);
                    StartSteps(node, options.Conductor.AutomatedClean && node.AutomatedClean != false
                            ? StepPlan.Automated(task, false, options.Conductor.CleanStepPriorityOverride)
                            : [],
                        deploy: false, manual: false);
                    await task.SaveNodeAsync(ct).ConfigureAwait(false);
                    await RunStepsAsync(task, deploy: false, 0, ct).ConfigureAwait(false);
                    return;
                case "inspect":
                    var inspected = await driver.Inspect.InspectHardwareAsync(task, ct).ConfigureAwait(false);
                    node.InspectionFinishedAt = inspected == InspectWait ? null : clock.GetUtcNow();
                    await FinishAsync(task, inspected == InspectWait ? "wait" : "done", ct).ConfigureAwait(false);
                    return;
                case "adopt":
                    await driver.Deploy.ValidateAsync(task, ct).ConfigureAwait(false);
                    await driver.Power.ValidateAsync(task, ct).ConfigureAwait(false);
                    node.PowerState = await driver.Power.GetPowerStateAsync(task, ct).ConfigureAwait(false);
                    await FinishAsync(task, "done", ct).ConfigureAwait(false);
                    return;
                case "rescue":
                    var rescued = await driver.Rescue.RescueAsync(task, ct).ConfigureAwait(false);
                    await FinishAsync(task, rescued == RescueWait ? "wait" : "done", ct).ConfigureAwait(false);
                    return;
                case "unrescue":
                    await driver.Rescue.UnrescueAsync(task, ct).ConfigureAwait(false);
                    node.InstanceInfo.Remove("rescue_password");
                    await FinishAsync(task, "done", ct).ConfigureAwait(false);
                    return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(task, $"Failed to {@event} node {node.Uuid}: {e.Message}").ConfigureAwait(false);
        }
    }

    private static void StartSteps(Drivers.Objects.Node node, List<JsonObject> plan, bool deploy, bool manual)
    {
        var prefix = deploy ? "deploy" : "clean";
        node.DriverInternalInfo[$"{prefix}_steps"] = new JsonArray([.. plan.Select(s => (JsonNode)s)]);
        node.DriverInternalInfo[$"{prefix}_step_index"] = -1;
        if (!deploy)
        {
            node.DriverInternalInfo["cleaning_manual"] = manual;
        }
    }

    /// <summary>Runs planned steps from <paramref name="start"/>; stops at a waiting step, ends the flow after the last.</summary>
    private async Task RunStepsAsync(NodeTask task, bool deploy, int start, CancellationToken ct)
    {
        var node = task.Node;
        var prefix = deploy ? "deploy" : "clean";
        var steps = node.DriverInternalInfo[$"{prefix}_steps"] as JsonArray ?? [];
        for (var i = start; i < steps.Count; i++)
        {
            var step = steps[i]!.AsObject();
            var info = StepPlan.Info(step);
            SetCurrentStep(node, deploy, step.DeepClone().AsObject());
            node.DriverInternalInfo[$"{prefix}_step_index"] = i;
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            StepOutcome outcome;
            try
            {
                var iface = task.Driver.Get(info.Interface);
                var args = step["args"] as JsonObject ?? [];
                outcome = deploy
                    ? await iface.ExecuteDeployStepAsync(task, info, args, ct).ConfigureAwait(false)
                    : await iface.ExecuteCleanStepAsync(task, info, args, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                var error = $"{(deploy ? "Deploy" : "Clean")} step {info.Interface}.{info.Step} failed on node {node.Uuid}: {e.Message}";
                if (!deploy)
                {
                    // As Ironic does: a node whose cleaning broke mid-step is not trusted until an operator looks.
                    node.Maintenance = true;
                    node.Fault = "clean failure";
                    node.MaintenanceReason = error;
                }

                await FailAsync(task, error).ConfigureAwait(false);
                return;
            }

            if (outcome == StepOutcome.Done && info.Interface == InterfaceKind.Bios)
            {
                // As Ironic: after a BIOS step the stored settings show what the BMC now has.
                await CacheBiosSettingsAsync(task, ct).ConfigureAwait(false);
            }

            if (outcome == StepOutcome.Wait)
            {
                // The step continues elsewhere; ContinueNodeClean/Deploy resumes after it.
                await FinishAsync(task, "wait", ct).ConfigureAwait(false);
                return;
            }
        }

        SetCurrentStep(node, deploy, []);
        node.DriverInternalInfo.Remove($"{prefix}_steps");
        node.DriverInternalInfo.Remove($"{prefix}_step_index");
        var manual = node.DriverInternalInfo["cleaning_manual"]?.GetValue<bool>() == true;
        node.DriverInternalInfo.Remove("cleaning_manual");
        node.DriverInternalInfo.Remove("cleaning_disable_ramdisk");

        await FinishAsync(task, !deploy && manual ? "manage" : "done", ct).ConfigureAwait(false);
    }

    private async Task AbortAsync(NodeTask task, string from)
    {
        var node = task.Node;
        if (!ProvisionStateMachine.Allows(from, "abort"))
        {
            throw new Invalid($"The requested action \"abort\" can not be performed on node \"{node.Uuid}\" while it is in state \"{from}\".");
        }

        if (from == CleanWait && node.CleanStep.Count > 0 && node.CleanStep["abortable"]?.GetValue<bool>() != true)
        {
            throw new Invalid($"The current clean step {node.CleanStep["interface"]}.{node.CleanStep["step"]} of node {node.Uuid} cannot be aborted.");
        }

        var step = from == CleanWait ? $" on step {node.CleanStep["interface"]}.{node.CleanStep["step"]}" : "";
        await FailAsync(task, $"By request, the {from} operation was aborted for node {node.Uuid}{step}.", "abort").ConfigureAwait(false);
    }

    private void Move(NodeTask task, string to, string? target)
    {
        var node = task.Node;
        LogProvisionState(node.Uuid, node.ProvisionState ?? "", to);
        node.ProvisionState = to;
        node.TargetProvisionState = target;
        node.ProvisionUpdatedAt = clock.GetUtcNow();
        if (to is Inspecting)
        {
            node.InspectionStartedAt = clock.GetUtcNow();
        }
    }

    private async Task FinishAsync(NodeTask task, string @event, CancellationToken ct)
    {
        var node = task.Node;
        var to = ProvisionStateMachine.Next(node.ProvisionState!, @event)
            ?? throw new InvalidOperationException($"No '{@event}' transition from {node.ProvisionState}.");
        Move(task, to, ProvisionStateMachine.StableStates.Contains(to) ? null : node.TargetProvisionState);
        node.LastError = null;
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Moves the node to the failed state of where it is, with the reason in last_error.</summary>
    private async Task FailAsync(NodeTask task, string error, string @event = "fail")
    {
        var node = task.Node;
        var to = ProvisionStateMachine.Next(node.ProvisionState!, @event) ?? ProvisionState.Error;
        LogProvisionState(node.Uuid, node.ProvisionState ?? "", to);
        ProvisionFailure.Apply(node, to, error, clock.GetUtcNow());
        LogProvisionFailed(node.Uuid, node.LastError!);
        await task.SaveNodeAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void SetCurrentStep(Drivers.Objects.Node node, bool deploy, JsonObject step)
    {
        if (deploy)
        {
            node.DeployStep = step;
        }
        else
        {
            node.CleanStep = step;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} moved from provision state {From} to {To}")]
    private partial void LogProvisionState(string node, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning of node {Node} failed: {Error}")]
    private partial void LogProvisionFailed(string node, string error);
}
