using Ironic.Drivers.Objects;

namespace Ironic.Drivers.Fake.Tests;

/// <summary>A task over an in-memory node; counts saves instead of writing anywhere.</summary>
internal sealed class TestTaskContext(TestDriver driver, Node? node = null, bool shared = false) : ITaskContext
{
    public Node Node { get; } = node ?? new Node { Uuid = "1be26c0b-03f2-4d2e-ae87-c02d7f33c123", Driver = driver.Name };

    public List<Port> CreatedPorts { get; } = [];

    public IReadOnlyList<Port> Ports => CreatedPorts;

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
        port.NodeUuid = Node.Uuid;
        CreatedPorts.Add(port);
        return Task.FromResult(port);
    }

    public static TestTaskContext FakeHardware() => new(TestDriver.FakeHardware());
}
