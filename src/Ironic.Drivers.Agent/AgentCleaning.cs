using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Agent;

/// <summary>
/// Cleaning through the agent (Ironic's agent cleaning): the node boots the agent, whose first heartbeat in
/// <c>clean wait</c> fetches its clean steps (<c>clean.get_clean_steps</c>, cached in driver_internal_info with
/// <c>[deploy] erase_devices_priority</c> and <c>erase_devices_metadata_priority</c> applied) and lets the conductor
/// plan; each agent step runs as <c>clean.execute_clean_step</c> and ends at the heartbeat that finds it done.
/// </summary>
internal sealed partial class AgentCleaning(AgentOptions options, TimeProvider clock, ILogger logger)
{
    public const string CachedSteps = "agent_cached_clean_steps";

    /// <summary>Boots the agent for cleaning: power off, ramdisk boot files, power on; with fast track, uses the running one.</summary>
    public async Task<StepOutcome> PrepareAsync(ITaskContext task, CancellationToken ct)
    {
        // The steps of an earlier boot may not be this agent's.
        task.Node.DriverInternalInfo.Remove(CachedSteps);
        if (await AgentCalls.IsFastTrackAsync(task, options, clock, ct).ConfigureAwait(false))
        {
            // Its next heartbeat finds no step and fetches its clean steps, as after a boot.
            LogFastTrack(logger, task.Node.Uuid);
            return StepOutcome.Wait;
        }

        await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        await task.Driver.Boot.PrepareRamdiskAsync(task, new Dictionary<string, string> { ["ipa-api-url"] = options.ApiUrl }, ct).ConfigureAwait(false);
        await task.NodePowerActionAsync(PowerState.On, ct).ConfigureAwait(false);
        return StepOutcome.Wait;
    }

    /// <summary>Powers the agent off (unless fast track keeps it for the next operation) and removes its boot files.</summary>
    public async Task TearDownAsync(ITaskContext task, CancellationToken ct)
    {
        if (!await AgentCalls.IsFastTrackAsync(task, options, clock, ct).ConfigureAwait(false))
        {
            await task.NodePowerActionAsync(PowerState.Off, ct).ConfigureAwait(false);
        }

        await task.Driver.Boot.CleanUpRamdiskAsync(task, ct).ConfigureAwait(false);
        task.Node.DriverInternalInfo.Remove(CachedSteps);
        task.Node.DriverInternalInfo.Remove(AgentCalls.HardwareManagerVersion);
    }

    /// <summary>The agent's clean steps for the deploy interface (none before it reported them), with the erase priorities applied.</summary>
    public IReadOnlyList<StepInfo> Steps(ITaskContext task)
    {
        if (task.Node.DriverInternalInfo[CachedSteps] is not JsonObject byManager)
        {
            return [];
        }

        var steps = new Dictionary<string, StepInfo>(StringComparer.Ordinal);
        foreach (var step in byManager.Select(kv => kv.Value).OfType<JsonArray>().SelectMany(a => a.OfType<JsonObject>()))
        {
            if (step["interface"]?.ToString() != InterfaceKind.Deploy || step["step"]?.ToString() is not { Length: > 0 } name
                || steps.ContainsKey(name))
            {
                continue;
            }

            var priority = name switch
            {
                "erase_devices" when options.EraseDevicesPriority is { } p => p,
                "erase_devices_metadata" when options.EraseDevicesMetadataPriority is { } p => p,
                _ => step["priority"] is JsonValue v && v.TryGetValue<int>(out var p) ? p : 0,
            };
            steps[name] = new StepInfo(InterfaceKind.Deploy, name, priority, step["abortable"] is JsonValue a && a.TryGetValue<bool>(out var b) && b,
                step["argsinfo"] as JsonObject is { } args ? args.DeepClone().AsObject() : null, RequiresRamdisk: true);
        }

        return [.. steps.Values];
    }

    /// <summary>Starts an agent clean step; it ends at a later heartbeat.</summary>
    public async Task<StepOutcome> ExecuteAsync(ITaskContext task, StepInfo step, JsonObject args, CancellationToken ct)
    {
        using var agent = AgentClient.For(task, options);
        await agent.ExecuteAsync("clean.execute_clean_step", new JsonObject
        {
            ["step"] = new JsonObject
            {
                ["interface"] = step.Interface,
                ["step"] = step.Step,
                ["priority"] = step.Priority,
                ["abortable"] = step.Abortable,
                ["args"] = args.DeepClone(),
            },
            ["node"] = AgentCalls.Node(task),
            ["ports"] = new JsonArray(),
            // The agent refuses a step planned against other hardware managers than it runs.
            ["clean_version"] = task.Node.DriverInternalInfo[AgentCalls.HardwareManagerVersion]?.DeepClone(),
        }, wait: false, ct).ConfigureAwait(false);
        LogStepStarted(logger, task.Node.Uuid, step.Step);
        return StepOutcome.Wait;
    }

    /// <summary>
    /// A heartbeat in <c>clean wait</c>: with no step yet, the agent has just booted: its steps are fetched and
    /// the conductor told to plan; with a step, the agent's command is polled and the step reported when it ends.
    /// </summary>
    public async Task HeartbeatAsync(ITaskContext task, CancellationToken ct)
    {
        if (task.Node.CleanStep.Count > 0)
        {
            task.ReportStep(await AgentCalls.PollAsync(task, options, "execute_clean_step", "clean",
                error => LogPollFailed(logger, task.Node.Uuid, error), ct).ConfigureAwait(false));
            return;
        }

        JsonObject result;
        using (var agent = AgentClient.For(task, options))
        {
            try
            {
                result = await agent.ExecuteAsync("clean.get_clean_steps",
                    new JsonObject { ["node"] = AgentCalls.Node(task), ["ports"] = new JsonArray() }, wait: true, ct).ConfigureAwait(false);
            }
            catch (AgentCommandFailed e)
            {
                task.ReportStep(StepResult.Failed($"The agent could not list its clean steps: {e.Message}"));
                return;
            }
        }

        task.Node.DriverInternalInfo[CachedSteps] = result["command_result"]?["clean_steps"]?.DeepClone() ?? new JsonObject();
        task.Node.DriverInternalInfo[AgentCalls.HardwareManagerVersion] = result["command_result"]?["hardware_manager_version"]?.DeepClone();
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        LogStepsCached(logger, task.Node.Uuid, Steps(task).Count);
        task.ReportStep(StepResult.Done);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: fast track, cleaning with the agent already running")]
    private static partial void LogFastTrack(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: agent clean step {Step} started")]
    private static partial void LogStepStarted(ILogger logger, string node, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node}: the agent offers {Count} clean steps")]
    private static partial void LogStepsCached(ILogger logger, string node, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node}: polling the agent's clean step failed ({Error}); trying again at the next heartbeat")]
    private static partial void LogPollFailed(ILogger logger, string node, string error);
}
