using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>A task over an in-memory node; counts saves and keeps created ports instead of writing anywhere.</summary>
internal sealed class TestTaskContext(IDriver driver, Node node, bool shared = false) : ITaskContext
{
    public Node Node { get; } = node;

    public List<Port> PortList { get; } = [];

    public IReadOnlyList<Port> Ports => PortList;

    public IDriver Driver { get; } = driver;

    public bool Shared { get; } = shared;

    public int Saves { get; private set; }

    public List<StepResult> StepReports { get; } = [];

    public void ReportStep(StepResult result) => StepReports.Add(result);

    /// <summary>As the conductor's task (Ironic's node_power_action): a reboot goes through RebootAsync, a state the node is in is not asked for again.</summary>
    public async Task NodePowerActionAsync(string target, CancellationToken ct)
    {
        var power = Driver.Power;
        if (target is PowerState.Rebooting)
        {
            await power.RebootAsync(this, null, ct).ConfigureAwait(false);
            target = PowerState.On;
        }
        else if (target is PowerState.SoftRebooting)
        {
            await power.SetPowerStateAsync(this, target, null, ct).ConfigureAwait(false);
            target = PowerState.On;
        }
        else if (await power.GetPowerStateAsync(this, ct).ConfigureAwait(false) != target)
        {
            await power.SetPowerStateAsync(this, target, null, ct).ConfigureAwait(false);
        }

        Node.PowerState = target == PowerState.SoftPowerOff ? PowerState.Off : target;
        Node.TargetPowerState = null;
        await SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public Task SaveNodeAsync(CancellationToken ct)
    {
        // The real task manager refuses to save under a shared lock; so does this one.
        if (Shared)
        {
            throw new InvalidOperationException("SaveNodeAsync under a shared lock.");
        }

        Saves++;
        return Task.CompletedTask;
    }

    public Task<Port> CreatePortAsync(Port port, CancellationToken ct)
    {
        if (PortList.Any(p => string.Equals(p.Address, port.Address, StringComparison.OrdinalIgnoreCase)))
        {
            throw new MacAlreadyExists(port.Address);
        }

        port.Uuid = Guid.NewGuid().ToString();
        port.NodeUuid = Node.Uuid;
        PortList.Add(port);
        return Task.FromResult(port);
    }
}
