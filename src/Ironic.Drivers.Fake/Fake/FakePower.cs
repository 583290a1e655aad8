using System.Text.Json.Nodes;

namespace Ironic.Drivers.Fake;

/// <summary>
/// Power without a BMC (Ironic's fake power): the node's recorded <c>power_state</c> is the truth.
/// It also declares test-only clean and deploy steps (priority 0 unless noted, so they run only when
/// asked for) that let provisioning be exercised through its sync, async, failing and abortable paths.
/// </summary>
[HardwareInterface("fake")]
public sealed class FakePower : PowerInterface
{
    /// <summary>Driver-internal key where <see cref="FakeWithArgsAsync"/> records the value it was given.</summary>
    public const string WithArgsValueKey = "fake_with_args_value";

    private const string ValueArgsInfo = """{"value": {"description": "Any JSON value; it is stored in driver_internal_info as fake_with_args_value.", "required": true}}""";

    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct)
    {
        // Test hooks in driver_info: a BMC that fails to answer, or one whose machine drifted.
        if (task.Node.DriverInfo["fake_power_read_error"]?.ToString() is { Length: > 0 } error)
        {
            throw new IronicException($"Fake BMC of node {task.Node.Uuid} did not answer: {error}");
        }

        if (task.Node.DriverInfo["fake_actual_power_state"]?.ToString() is { Length: > 0 } actual)
        {
            return Task.FromResult(actual);
        }

        // A node never powered through Ironic has no state yet; the contract needs one, and off is what a fresh fake is.
        return Task.FromResult(task.Node.PowerState ?? PowerState.Off);
    }

    public override Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct)
    {
        // Transitional requests are recorded as the state they settle in, as the conductor would.
        task.Node.PowerState = powerState switch
        {
            PowerState.On or PowerState.Rebooting or PowerState.SoftRebooting => PowerState.On,
            PowerState.Off or PowerState.SoftPowerOff => PowerState.Off,
            _ => throw new InvalidParameterValue($"set_power_state called with an invalid power state: {powerState}."),
        };
        if (task.Node.DriverInfo.ContainsKey("fake_actual_power_state"))
        {
            // The drifted machine obeys, as a real one would.
            task.Node.DriverInfo["fake_actual_power_state"] = task.Node.PowerState;
        }

        return Task.CompletedTask;
    }

    public override Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct)
    {
        task.Node.PowerState = PowerState.On;
        return Task.CompletedTask;
    }

    // Ironic's fake rejects "rebooting" in set_power_state yet lists it; here the list is what Set accepts.
    public override IReadOnlyList<string> GetSupportedPowerStates(ITaskContext task) =>
        [PowerState.On, PowerState.Off, PowerState.Rebooting, PowerState.SoftRebooting, PowerState.SoftPowerOff];

    // Runs synchronously for 'seconds' (0-600): a long step, to interrupt a conductor mid-operation in tests.
    [CleanStep(Priority = 0, RequiresRamdisk = false, ArgsInfo = """{"seconds": {"description": "How long the step runs, 0 to 600.", "required": true}}""")]
    [DeployStep(Priority = 0, ArgsInfo = """{"seconds": {"description": "How long the step runs, 0 to 600.", "required": true}}""")]
    public async Task<StepOutcome> FakeSlowAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        var seconds = args["seconds"] is JsonValue v && v.TryGetValue<double>(out var s) && s is >= 0 and <= 600
            ? s
            : throw new InvalidParameterValue("fake_slow needs 'seconds', a number from 0 to 600.");
        await Task.Delay(TimeSpan.FromSeconds(seconds), ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }

    /// <summary>Synchronous step that completes at once; priority 10, so automated cleaning runs it.</summary>
    [CleanStep(Priority = 10, RequiresRamdisk = false)]
    [DeployStep(Priority = 0)]
    public Task<StepOutcome> FakeSyncAsync(ITaskContext task, JsonObject args, CancellationToken ct) =>
        Task.FromResult(StepOutcome.Done);

    /// <summary>Asynchronous step: leaves the node waiting until the conductor is told to continue.</summary>
    [CleanStep(Priority = 0, RequiresRamdisk = false)]
    [DeployStep(Priority = 0)]
    public Task<StepOutcome> FakeWaitAsync(ITaskContext task, JsonObject args, CancellationToken ct) =>
        Task.FromResult(StepOutcome.Wait);

    /// <summary>Step that always fails, for the clean failed / deploy failed paths.</summary>
    [CleanStep(Priority = 0, RequiresRamdisk = false)]
    [DeployStep(Priority = 0)]
    public Task<StepOutcome> FakeFailAsync(ITaskContext task, JsonObject args, CancellationToken ct) =>
        // A faulted task, not a throw: steps are invoked by reflection, which would wrap a synchronous throw.
        Task.FromException<StepOutcome>(
            new IronicException($"Step fake_fail failed on node {task.Node.Uuid} as it always does (fake-hardware test step)."));

    /// <summary>Asynchronous clean step that may be aborted while it waits.</summary>
    [CleanStep(Priority = 0, Abortable = true, RequiresRamdisk = false)]
    public Task<StepOutcome> FakeAbortableWaitAsync(ITaskContext task, JsonObject args, CancellationToken ct) =>
        Task.FromResult(StepOutcome.Wait);

    /// <summary>Step with a required argument "value", recorded in driver_internal_info so a test can see it arrived.</summary>
    [CleanStep(Priority = 0, RequiresRamdisk = false, ArgsInfo = ValueArgsInfo)]
    [DeployStep(Priority = 0, ArgsInfo = ValueArgsInfo)]
    public async Task<StepOutcome> FakeWithArgsAsync(ITaskContext task, JsonObject args, CancellationToken ct)
    {
        if (!args.TryGetPropertyValue("value", out var value) || value is null)
        {
            throw new MissingParameterValue("Step fake_with_args requires the argument 'value'.");
        }

        task.Node.DriverInternalInfo[WithArgsValueKey] = value.DeepClone();
        await task.SaveNodeAsync(ct).ConfigureAwait(false);
        return StepOutcome.Done;
    }
}
