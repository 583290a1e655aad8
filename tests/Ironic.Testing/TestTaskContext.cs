using Ironic.Drivers;
using Ironic.Drivers.Objects;

namespace Ironic.Testing;

/// <summary>
/// The task a driver receives (<see cref="ITaskContext"/>) over an in-memory node, for testing an interface
/// without a conductor or a database. It keeps the host's rules a driver can trip over: saving the node or
/// creating a port under a shared lock throws, a port whose MAC address is taken throws
/// <see cref="MacAlreadyExists"/>, and <see cref="NodePowerActionAsync"/> acts as the conductor's does.
/// What the driver did is kept for the test to assert on: <see cref="Saves"/>, <see cref="PortList"/>,
/// <see cref="StepReports"/>.
/// </summary>
public sealed class TestTaskContext : ITaskContext
{
    /// <summary>A task over <paramref name="node"/> (by default a new node of the driver's name) and its ports.</summary>
    /// <param name="driver">The driver composed for the node, usually by hand from the interfaces under test.</param>
    /// <param name="node">The node; changes the driver makes stay on this object.</param>
    /// <param name="shared">True for a shared lock (read-only work, as in a power state sync).</param>
    /// <param name="ports">The node's ports.</param>
    public TestTaskContext(IDriver driver, Node? node = null, bool shared = false, IEnumerable<Port>? ports = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        Driver = driver;
        Node = node ?? new Node { Uuid = Guid.NewGuid().ToString(), Driver = (driver as TestDriver)?.Name ?? "fake-hardware" };
        Shared = shared;
        PortList = [.. ports ?? []];
    }

    public Node Node { get; }

    /// <summary>The node's ports: a test may edit the list; <see cref="CreatePortAsync"/> appends to it.</summary>
    public List<Port> PortList { get; }

    public IReadOnlyList<Port> Ports => PortList;

    public IDriver Driver { get; }

    public bool Shared { get; }

    public string Purpose { get; init; } = "test";

    /// <summary>How many times the node was saved (the save itself writes nowhere).</summary>
    public int Saves { get; private set; }

    /// <summary>Every step report, in order (the conductor would apply the last one after the lock is released).</summary>
    public List<StepResult> StepReports { get; } = [];

    public void ReportStep(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        StepReports.Add(result);
    }

    public Task SaveNodeAsync(CancellationToken ct)
    {
        RequireExclusive("saving the node");
        Saves++;
        return Task.CompletedTask;
    }

    public Task<Port> CreatePortAsync(Port port, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(port);
        RequireExclusive("creating a port");
        // The database's unique index on address, which compares MAC addresses case-insensitively.
        if (PortList.Any(p => string.Equals(p.Address, port.Address, StringComparison.OrdinalIgnoreCase)))
        {
            throw new MacAlreadyExists(port.Address);
        }

        port.Uuid = string.IsNullOrEmpty(port.Uuid) ? Guid.NewGuid().ToString() : port.Uuid;
        port.NodeUuid = Node.Uuid;
        PortList.Add(port);
        return Task.FromResult(port);
    }

    /// <summary>As the conductor's: reboots reboot, other targets are set only when the hardware is elsewhere; then the node is saved.</summary>
    public async Task NodePowerActionAsync(string target, CancellationToken ct)
    {
        RequireExclusive("a power action");
        Node.PowerState = await Driver.Power.ChangePowerStateAsync(this, target, null, ct).ConfigureAwait(false);
        Node.TargetPowerState = null;
        await SaveNodeAsync(ct).ConfigureAwait(false);
    }

    // The real task refuses these under a shared lock; a driver that tries must fail here too, not in production.
    private void RequireExclusive(string what)
    {
        if (Shared)
        {
            throw new InvalidOperationException($"Node {Node.Uuid} is held under a shared lock ({Purpose}); {what} needs the exclusive lock.");
        }
    }
}
