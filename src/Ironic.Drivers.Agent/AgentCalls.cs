using System.Text.Json.Nodes;

namespace Ironic.Drivers.Agent;

/// <summary>What the deploy and cleaning sides share when they drive a node's agent.</summary>
internal static class AgentCalls
{
    /// <summary>The agent's hardware manager versions (from its step lists); every step sent to it carries them.</summary>
    public const string HardwareManagerVersion = "hardware_manager_version";

    /// <summary>
    /// Where the agent's last <paramref name="command"/> stands, as the report of the step waiting on it. A poll
    /// that fails leaves the step waiting: the next heartbeat asks again, and a lost agent ends in the callback timeout.
    /// </summary>
    public static async Task<StepResult> PollAsync(ITaskContext task, AgentOptions options, string command, string stepKind,
        Action<string> pollFailed, CancellationToken ct)
    {
        IReadOnlyList<JsonObject> commands;
        using (var agent = AgentClient.For(task, options))
        {
            try
            {
                commands = await agent.GetCommandsAsync(ct).ConfigureAwait(false);
            }
            catch (AgentCommandFailed e)
            {
                pollFailed(e.Message);
                return StepResult.StillWaiting;
            }
        }

        var step = stepKind == "clean" ? task.Node.CleanStep : task.Node.DeployStep;
        var last = commands.LastOrDefault(c => c["command_name"]?.ToString() == command);
        return last?["command_status"]?.ToString() switch
        {
            "RUNNING" => StepResult.StillWaiting,
            "SUCCEEDED" => StepResult.Done,
            "FAILED" => StepResult.Failed($"Agent returned error for {stepKind} step {step["step"]}: {AgentClient.Error(last!)}"),
            _ => StepResult.Failed($"The agent has no record of its {command} command: it may have restarted. Check the node's console, then try again."),
        };
    }

    /// <summary>
    /// Ironic's fast track: an agent already runs on the node (it heartbeated within <c>[deploy] fast_track_timeout</c>,
    /// its URL is known, the node is powered on and has no error), so the node is not rebooted into a new one.
    /// </summary>
    public static async Task<bool> IsFastTrackAsync(ITaskContext task, AgentOptions options, TimeProvider clock, CancellationToken ct)
    {
        var info = task.Node.DriverInternalInfo;
        if (!options.FastTrack || task.Node.LastError is not null || info["agent_url"] is null
            || info["agent_last_heartbeat"]?.ToString() is not { } last
            || !DateTime.TryParse(last, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            || clock.GetUtcNow().UtcDateTime - at > TimeSpan.FromSeconds(options.FastTrackTimeout))
        {
            return false;
        }

        return await task.Driver.Power.GetPowerStateAsync(task, ct).ConfigureAwait(false) == PowerState.On;
    }

    /// <summary>The node as the agent sees it: its own fields, secrets masked (the agent needs none of them).</summary>
    public static JsonObject Node(ITaskContext task) => new()
    {
        ["uuid"] = task.Node.Uuid,
        ["properties"] = task.Node.Properties.DeepClone(),
        ["instance_info"] = new JsonObject(task.Node.InstanceInfo.Where(kv => kv.Key is not "configdrive").Select(kv =>
            KeyValuePair.Create(kv.Key, kv.Key.Contains("password", StringComparison.OrdinalIgnoreCase) ? (JsonNode?)"******" : kv.Value?.DeepClone()))),
        ["driver_internal_info"] = new JsonObject(),
    };
}
