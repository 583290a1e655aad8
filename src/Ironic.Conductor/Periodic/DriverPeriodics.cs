using Ironic.Common.Config;
using Ironic.Common.Validation;
using Ironic.Conductor.Loading;
using Ironic.Conductor.Locking;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.Extensions.Logging;

namespace Ironic.Conductor.Periodic;

/// <summary>
/// Runs the periodic tasks that enabled interfaces declare (<see cref="DriverPeriodicTaskAttribute"/>): each
/// pass pages through the nodes whose <c>&lt;kind&gt;_interface</c> is that implementation and that match the
/// task's filters, and calls the task under each node's lock. A reserved node is skipped until the next pass;
/// a task that throws on one node is logged and the pass goes on. With one conductor every node is its own;
/// placement over several conductors comes with the hash ring.
/// </summary>
public sealed partial class DriverPeriodics(IronicStore store, TaskManager tasks, DriverRegistry drivers, IronicOptions options,
    ILogger<DriverPeriodics> log)
{
    private const int PageSize = 500;

    /// <summary>One loop per declared task of every enabled implementation; a spacing of 0 or less (by option) leaves it out.</summary>
    public IReadOnlyList<(string Name, int Spacing, Func<CancellationToken, Task<int>> Run)> Loops()
    {
        var loops = new List<(string, int, Func<CancellationToken, Task<int>>)>();
        foreach (var kind in InterfaceKind.All)
        {
            foreach (var (name, impl) in drivers.Interfaces(kind))
            {
                foreach (var periodic in DriverPeriodicTable.For(impl.GetType()).Tasks)
                {
                    var spacing = Spacing(periodic.Declaration);
                    if (spacing > 0)
                    {
                        loops.Add(($"{kind} interface {name}: {periodic.Name}", spacing, ct => RunOnceAsync(kind, name, impl, periodic, ct)));
                    }
                }
            }
        }

        return loops;
    }

    /// <summary>One pass of one task over its nodes; returns how many nodes it was called for.</summary>
    internal async Task<int> RunOnceAsync(string kind, string name, BaseInterface impl, DriverPeriodicTask periodic, CancellationToken ct)
    {
        var declaration = periodic.Declaration;
        // As Ironic's node_periodic: nodes reserved by other work are not even listed.
        var filters = new List<Filter> { Filter.Eq(InterfaceKind.FieldName(kind), name), new("reservation", FilterOp.IsNull) };
        if (declaration.ProvisionStates is { Length: > 0 } states)
        {
            filters.Add(new Filter("provision_state", FilterOp.In, states.Cast<object?>().ToList()));
        }

        if (!declaration.IncludeMaintenance)
        {
            filters.Add(Filter.Eq("maintenance", false));
        }

        var called = 0;
        string? marker = null;
        while (true)
        {
            var page = await store.Nodes.ListAsync(new ListQuery { Filters = filters, Limit = PageSize, MarkerUuid = marker }, ct).ConfigureAwait(false);
            foreach (var node in page)
            {
                if (await CallAsync(node.Uuid, periodic, impl, ct).ConfigureAwait(false))
                {
                    called++;
                }
            }

            if (page.Count < PageSize)
            {
                return called;
            }

            marker = page[^1].Uuid;
        }
    }

    private async Task<bool> CallAsync(string uuid, DriverPeriodicTask periodic, BaseInterface impl, CancellationToken ct)
    {
        NodeTask task;
        try
        {
            task = await tasks.AcquireAsync(uuid, $"periodic task {periodic.Name}", periodic.Declaration.Shared, ct, retry: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NodeLocked or NodeNotFound)
        {
            // Busy with other work, or deleted since the page was read: the next pass looks again.
            return false;
        }

        await using (task)
        {
            try
            {
                await periodic.Invoke(impl, task, ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogTaskFailed(periodic.Name, uuid, Secrets.Scrub(e.Message, task.Node.DriverInfo, task.Node.InstanceInfo));
                return false;
            }
        }
    }

    private int Spacing(DriverPeriodicTaskAttribute declaration) =>
        declaration.SpacingOption?.Split('.') is [var section, var key]
            ? options.Source.Int(section, key, declaration.Spacing)
            : declaration.Spacing;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Periodic task {Task} failed on node {Node}: {Error}")]
    private partial void LogTaskFailed(string task, string node, string error);
}
