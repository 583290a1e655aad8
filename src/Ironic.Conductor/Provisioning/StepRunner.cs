using System.Text.Json.Nodes;
using Ironic.Conductor.Locking;
using Ironic.Conductor.States;
using Ironic.Drivers;
using Ironic.Drivers.Objects;
using Microsoft.Extensions.Logging;
using static Ironic.Drivers.ProvisionState;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// Runs a node's planned clean or deploy steps in order (kept in driver_internal_info with the index of
/// the current one), stops at a step that waits, and continues after it when its driver reports it done
/// (<see cref="ITaskContext.ReportStep"/>) or the RPC <c>continue_node_clean</c>/<c>continue_node_deploy</c>
/// asks. The flow ends after the last step.
/// </summary>
public sealed partial class StepRunner(TaskManager tasks, FlowRunner flows, NodeCaches caches, ILogger<StepRunner> log)
{
    /// <summary>Records the plan on the node (the caller saves or runs it).</summary>
    public static void Start(Node node, List<JsonObject> plan, bool deploy, bool manual)
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
    public async Task RunAsync(NodeTask task, bool deploy, int start, CancellationToken ct)
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
                await FailStepAsync(task, deploy, info, e.Message).ConfigureAwait(false);
                return;
            }

            if (outcome == StepOutcome.Wait)
            {
                // The step goes on elsewhere; its driver's report (or the continue RPC) resumes after it.
                await flows.FinishAsync(task, ProvisionEvent.Wait, ct).ConfigureAwait(false);
                return;
            }

            if (info.Interface == InterfaceKind.Bios)
            {
                // As Ironic: after a BIOS step the stored settings show what the BMC now has.
                await caches.CacheBiosSettingsAsync(task, ct).ConfigureAwait(false);
            }
        }

        if (!deploy && node.DriverInternalInfo["cleaning_disable_ramdisk"]?.GetValue<bool>() != true)
        {
            try
            {
                await task.Driver.Deploy.TearDownCleaningAsync(task, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await FailStepAsync(task, deploy, StepPlan.Info(node.CleanStep.Count > 0 ? node.CleanStep : TearDownStep),
                    $"tearing down the cleaning environment failed: {e.Message}", tearDown: false).ConfigureAwait(false);
                return;
            }
        }

        SetCurrentStep(node, deploy, []);
        node.DriverInternalInfo.Remove($"{prefix}_steps");
        node.DriverInternalInfo.Remove($"{prefix}_step_index");
        var manual = node.DriverInternalInfo["cleaning_manual"]?.GetValue<bool>() == true;
        node.DriverInternalInfo.Remove("cleaning_manual");
        node.DriverInternalInfo.Remove("cleaning_disable_ramdisk");
        await flows.FinishAsync(task, !deploy && manual ? ProvisionEvent.Manage : ProvisionEvent.Done, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues the steps of a node waiting in <c>clean wait</c> or <c>wait call-back</c>. With a driver's
    /// <paramref name="report"/>, a node that no longer waits on the reported step is left alone (logged);
    /// without one (the RPC), a node that does not wait is refused with 400.
    /// </summary>
    public async Task ContinueAsync(string nodeUuid, bool deploy, StepReport? report, CancellationToken ct)
    {
        var waitState = deploy ? DeployWait : CleanWait;
        var task = await tasks.AcquireAsync(nodeUuid, $"continue after {waitState}", ct: ct).ConfigureAwait(false);
        try
        {
            var node = task.Node;
            if (report is not null && !report.Matches(node))
            {
                LogStaleReport(nodeUuid, report.Step, report.Result.ToString(), node.ProvisionState ?? "");
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            if (node.ProvisionState != waitState)
            {
                throw new Invalid($"Cannot continue node {nodeUuid}: it is in state \"{node.ProvisionState}\", not \"{waitState}\".");
            }

            if (!deploy && node.CleanStep.Count == 0 && report?.Result.Error is null
                && (node.DriverInternalInfo["clean_step_index"]?.GetValue<int>() ?? -1) < 0)
            {
                // The ramdisk is up and has told its steps: plan them now (ContinueAsync's caller saw no step yet).
                if (!await ReplanCleaningAsync(task).ConfigureAwait(false))
                {
                    await task.DisposeAsync().ConfigureAwait(false);
                    return;
                }
            }

            if (report?.Result.Error is { } error)
            {
                var current = deploy ? node.DeployStep : node.CleanStep;
                await FailStepAsync(task, deploy, StepPlan.Info(current.Count > 0 ? current : PrepareStep), error).ConfigureAwait(false);
                await task.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var previousTarget = node.TargetProvisionState;
            flows.Move(task, ProvisionStateMachine.Next(waitState, ProvisionEvent.Resume)!, previousTarget);
            await task.SaveNodeAsync(ct).ConfigureAwait(false);
            var next = (node.DriverInternalInfo[deploy ? "deploy_step_index" : "clean_step_index"]?.GetValue<int>() ?? -1) + 1;
            await flows.SpawnAsync(task, $"continue {(deploy ? "deploy" : "clean")} of node {nodeUuid}", waitState, previousTarget,
                stop => RunAsync(task, deploy, next, stop)).ConfigureAwait(false);
        }
        catch
        {
            await task.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task FailStepAsync(NodeTask task, bool deploy, StepInfo info, string message, bool tearDown = true)
    {
        var node = task.Node;
        var error = $"{(deploy ? "Deploy" : "Clean")} step {info.Interface}.{info.Step} failed on node {node.Uuid}: {message}";
        if (deploy)
        {
            await flows.FailAsync(task, error).ConfigureAwait(false);
            return;
        }

        await FailCleaningAsync(task, error, tearDown: tearDown).ConfigureAwait(false);
    }

    /// <summary>
    /// Fails cleaning (or aborts it, with <paramref name="event"/>): the cleaning environment is torn down first
    /// where one was prepared, and the node goes to maintenance with fault <c>clean failure</c>, as Ironic does:
    /// a node whose cleaning broke is not trusted until an operator looks. An abort is not a fault.
    /// </summary>
    public async Task FailCleaningAsync(NodeTask task, string error, ProvisionEvent @event = ProvisionEvent.Fail, bool tearDown = true)
    {
        var node = task.Node;
        if (tearDown && await CleaningTearDown.TryAsync(task).ConfigureAwait(false) is { } failure)
        {
            LogTearDownFailed(node.Uuid, failure);
            error += $" Tearing down the cleaning environment also failed: {failure}";
        }

        if (@event == ProvisionEvent.Fail)
        {
            node.Maintenance = true;
            node.Fault = "clean failure";
            node.MaintenanceReason = error;
        }

        await flows.FailAsync(task, error, @event).ConfigureAwait(false);
    }

    // Plans the steps of a cleaning whose ramdisk has just come up; false when the plan is refused (the node has failed).
    private async Task<bool> ReplanCleaningAsync(NodeTask task)
    {
        var node = task.Node;
        var manual = node.DriverInternalInfo["cleaning_manual"]?.GetValue<bool>() == true;
        List<JsonObject> plan;
        try
        {
            plan = manual
                ? StepPlan.Manual(task, node.DriverInternalInfo["clean_steps"] as JsonArray ?? [], deploy: false)
                : StepPlan.Automated(task, deploy: false, flows.Options.Conductor.CleanStepPriorityOverride);
        }
        catch (InvalidParameterValue e)
        {
            await FailCleaningAsync(task, $"Cannot clean node {node.Uuid} with the steps its agent offers: {e.Message}").ConfigureAwait(false);
            return false;
        }

        Start(node, plan, deploy: false, manual);
        LogPlanned(node.Uuid, plan.Count);
        return true;
    }

    // Named in last_error when the ramdisk fails before the first step.
    private static readonly JsonObject PrepareStep = new() { ["interface"] = "deploy", ["step"] = "prepare_cleaning" };

    // Named in last_error when tearing down fails after the last step.
    private static readonly JsonObject TearDownStep = new() { ["interface"] = "deploy", ["step"] = "tear_down_cleaning" };

    private static void SetCurrentStep(Node node, bool deploy, JsonObject step)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: tearing down cleaning failed: {Error}")]
    private partial void LogTearDownFailed(string node, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: its ramdisk is up; {Count} clean steps planned")]
    private partial void LogPlanned(string node, int count);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Node {Node}: the report '{Result}' on step {Step} is dropped; the node no longer waits on that step (now {State})")]
    private partial void LogStaleReport(string node, string step, string result, string state);
}
