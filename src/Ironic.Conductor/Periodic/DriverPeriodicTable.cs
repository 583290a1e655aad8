using System.Collections.Concurrent;
using System.Reflection;
using Ironic.Drivers;

namespace Ironic.Conductor.Periodic;

/// <summary>
/// The periodic tasks an interface type declares with <see cref="DriverPeriodicTaskAttribute"/>, read once
/// per type when its plugin is loaded (a malformed declaration skips the type then) and cached.
/// </summary>
internal sealed class DriverPeriodicTable
{
    private static readonly ConcurrentDictionary<Type, DriverPeriodicTable> Cache = new();

    private DriverPeriodicTable(Type type)
    {
        var found = new List<DriverPeriodicTask>();
        foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (m.GetCustomAttribute<DriverPeriodicTaskAttribute>() is not { } a)
            {
                continue;
            }

            var p = m.GetParameters();
            if (m.ReturnType != typeof(Task) || p.Length != 2 || p[0].ParameterType != typeof(ITaskContext) || p[1].ParameterType != typeof(CancellationToken))
            {
                throw new InvalidOperationException(
                    $"Periodic task {type.FullName}.{m.Name} must be Task {m.Name}(ITaskContext task, CancellationToken ct).");
            }

            if (a.SpacingOption is { } option && option.Split('.') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new InvalidOperationException($"Periodic task {type.FullName}.{m.Name}: SpacingOption '{option}' is not 'section.option'.");
            }

            var method = m;
            var name = StepTable.ToSnakeCase(m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^5] : m.Name);
            found.Add(new DriverPeriodicTask(name, a,
                (target, task, ct) => (Task)method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [task, ct], null)!));
        }

        Tasks = found;
    }

    public IReadOnlyList<DriverPeriodicTask> Tasks { get; }

    public static DriverPeriodicTable For(Type type) => Cache.GetOrAdd(type, t => new DriverPeriodicTable(t));
}
