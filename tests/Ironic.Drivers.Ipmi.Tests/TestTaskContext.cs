using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Ipmi.Tests;

/// <summary>A task over an in-memory node; counts saves instead of writing anywhere.</summary>
internal sealed class TestTaskContext(IDriver driver, Node node, bool shared = false) : ITaskContext
{
    public Node Node { get; } = node;

    public IReadOnlyList<Port> Ports { get; } = [];

    public IDriver Driver { get; } = driver;

    public bool Shared { get; } = shared;

    public int Saves { get; private set; }

    public List<StepResult> StepReports { get; } = [];

    public void ReportStep(StepResult result) => StepReports.Add(result);

    public async Task NodePowerActionAsync(string target, CancellationToken ct)
    {
        await Driver.Power.SetPowerStateAsync(this, target, null, ct).ConfigureAwait(false);
        Node.PowerState = target;
        await SaveNodeAsync(ct).ConfigureAwait(false);
    }

    public Task SaveNodeAsync(CancellationToken ct)
    {
        if (Shared)
        {
            throw new InvalidOperationException("SaveNodeAsync under a shared lock.");
        }

        Saves++;
        return Task.CompletedTask;
    }

    public Task<Port> CreatePortAsync(Port port, CancellationToken ct) => throw new NotSupportedException();

    /// <summary>A node of the ipmi hardware type talking to simulated BMC <paramref name="index"/>.</summary>
    public static TestTaskContext ForBmc(IDriver driver, SimulatedBmcs bmcs, int index, Action<Node>? adjust = null)
    {
        var node = new Node { Uuid = Guid.NewGuid().ToString(), Driver = "ipmi", DriverInfo = bmcs.DriverInfo(index) };
        adjust?.Invoke(node);
        return new TestTaskContext(driver, node);
    }
}
