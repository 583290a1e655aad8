using System.Text.Json.Nodes;

namespace Ironic.Bench.Agents;

/// <summary>
/// One node's deploy agent as the conductor sees it: the commands the direct deploy sends, answered at once
/// (write_image runs <c>writeTime</c>, or for ever when <c>hold</c>), and what IPA does after a command ends:
/// a heartbeat at once. Its heartbeat loop runs in <see cref="AgentsRun"/>.
/// </summary>
internal sealed class SimulatedAgent(string nodeUuid, string callbackUrl, bool hold, TimeSpan writeTime)
{
    private readonly Lock gate = new();
    private readonly List<JsonObject> commands = [];

    public string NodeUuid { get; } = nodeUuid;

    public string CallbackUrl { get; } = callbackUrl;

    public string? Token { get; set; }

    /// <summary>Released when a command ended: IPA heartbeats at once then.</summary>
    public SemaphoreSlim Force { get; } = new(0);

    public TaskCompletionSource WriteImageStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource PoweredOff { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public JsonObject Commands()
    {
        lock (gate)
        {
            return new JsonObject { ["commands"] = new JsonArray([.. commands.Select(c => c.DeepClone())]) };
        }
    }

    /// <summary>The result of <paramref name="name"/> (extension.command), or null for a command IPA would not know.</summary>
    public JsonObject? Execute(string name)
    {
        var (status, result) = name switch
        {
            "deploy.get_deploy_steps" => ("SUCCEEDED", new JsonObject
            {
                ["deploy_steps"] = new JsonObject { ["GenericHardwareManager"] = new JsonArray() },
                ["hardware_manager_version"] = new JsonObject { ["generic_hardware_manager"] = "1.2" },
            }),
            "deploy.execute_deploy_step" => ("RUNNING", null),
            "standby.get_partition_uuids" => ("SUCCEEDED", new JsonObject { ["root uuid"] = "0x" + NodeUuid[..8] }),
            "standby.sync" => ("SUCCEEDED", new JsonObject()),
            "standby.power_off" => ("SUCCEEDED", null),
            _ => ((string?)null, (JsonObject?)null),
        };
        if (status is null)
        {
            return null;
        }

        var command = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["command_name"] = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..],
            ["command_status"] = status,
            ["command_error"] = null,
            ["command_result"] = result,
        };
        lock (gate)
        {
            commands.Add(command);
        }

        switch (name)
        {
            case "deploy.execute_deploy_step":
                WriteImageStarted.TrySetResult();
                if (!hold)
                {
                    _ = FinishAsync(command);
                }

                break;
            case "standby.power_off":
                PoweredOff.TrySetResult();
                break;
        }

        return (JsonObject)command.DeepClone();
    }

    private async Task FinishAsync(JsonObject command)
    {
        await Task.Delay(writeTime).ConfigureAwait(false);
        lock (gate)
        {
            command["command_status"] = "SUCCEEDED";
            command["command_result"] = new JsonObject { ["deploy_result"] = new JsonObject() };
        }

        Force.Release();
    }
}
