using System.Collections.Concurrent;
using Ironic.Drivers;

namespace Ironic.Conductor.Tests.TestPlugins;

/// <summary>
/// A power interface only these tests provide ("test-power"): it can be held mid-action
/// (<see cref="HoldNextAction"/>) so a test sees the node while the worker runs, and it fails with
/// the text in <c>driver_info[test_power_fail]</c> so the error path can be exercised.
/// </summary>
[HardwareInterface("test-power")]
public sealed class TestPower : PowerInterface
{
    public const string FailKey = "test_power_fail";
    public const string AddressProperty = "test_power_address";

    private static readonly ConcurrentDictionary<string, PowerHold> Holds = new(StringComparer.Ordinal);

    /// <summary>The next action on <paramref name="nodeUuid"/> waits until the returned hold is released.</summary>
    public static PowerHold HoldNextAction(string nodeUuid)
    {
        var hold = new PowerHold();
        Holds[nodeUuid] = hold;
        return hold;
    }

    public override IReadOnlyDictionary<string, string> GetProperties() => new Dictionary<string, string>
    {
        [AddressProperty] = "Address of the test power controller. Required.",
    };

    public override Task<string> GetPowerStateAsync(ITaskContext task, CancellationToken ct) =>
        Task.FromResult(task.Node.PowerState ?? PowerState.Off);

    public override async Task SetPowerStateAsync(ITaskContext task, string powerState, TimeSpan? timeout, CancellationToken ct)
    {
        await PassAsync(task, ct);
        task.Node.PowerState = powerState is PowerState.Off or PowerState.SoftPowerOff ? PowerState.Off : PowerState.On;
    }

    public override async Task RebootAsync(ITaskContext task, TimeSpan? timeout, CancellationToken ct)
    {
        await PassAsync(task, ct);
        task.Node.PowerState = PowerState.On;
    }

    private static async Task PassAsync(ITaskContext task, CancellationToken ct)
    {
        if (Holds.TryRemove(task.Node.Uuid, out var hold))
        {
            hold.Entered.TrySetResult();
            await hold.Released.Task.WaitAsync(ct);
        }

        if (task.Node.DriverInfo[FailKey]?.GetValue<string>() is { } reason)
        {
            throw new IronicException(reason);
        }
    }
}
