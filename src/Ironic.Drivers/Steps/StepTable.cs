using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>
/// The clean and deploy steps an interface type declares by attribute, read once per type and cached:
/// reflection happens when a driver is loaded (the host calls <see cref="For"/> then, so a malformed step
/// stops the plugin from loading), never per call. <see cref="BaseInterface"/> lists and runs them.
/// </summary>
public sealed class StepTable
{
    private static readonly ConcurrentDictionary<Type, StepTable> Cache = new();

    private readonly Dictionary<string, Func<object, ITaskContext, JsonObject, CancellationToken, Task<StepOutcome>>> invokers;

    private StepTable(Type type, string kind)
    {
        var clean = new List<StepInfo>();
        var deploy = new List<StepInfo>();
        invokers = new(StringComparer.Ordinal);
        foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            var c = m.GetCustomAttribute<CleanStepAttribute>();
            var d = m.GetCustomAttribute<DeployStepAttribute>();
            if (c is null && d is null)
            {
                continue;
            }

            CheckShape(type, m);
            var name = ToSnakeCase(m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^5] : m.Name);
            var method = m;
            // DoNotWrapExceptions: a step that throws at once surfaces its own exception, not a reflection wrapper.
            invokers[name] = (target, task, args, ct) =>
                (Task<StepOutcome>)method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [task, args, ct], null)!;
            if (c is not null)
            {
                clean.Add(new StepInfo(kind, name, c.Priority, c.Abortable, Parse(type, m, c.ArgsInfo), c.RequiresRamdisk));
            }

            if (d is not null)
            {
                deploy.Add(new StepInfo(kind, name, d.Priority, false, Parse(type, m, d.ArgsInfo), false));
            }
        }

        CleanSteps = clean;
        DeploySteps = deploy;
    }

    internal IReadOnlyList<StepInfo> CleanSteps { get; }

    internal IReadOnlyList<StepInfo> DeploySteps { get; }

    /// <summary>The steps <paramref name="type"/> declares; throws <see cref="InvalidOperationException"/> for a step of the wrong shape.</summary>
    public static StepTable For(Type type, string kind) => Cache.GetOrAdd(type, t => new StepTable(t, kind));

    /// <summary>Runs the named step on <paramref name="target"/>.</summary>
    internal Task<StepOutcome> InvokeAsync(object target, string step, ITaskContext task, JsonObject args, CancellationToken ct) =>
        invokers.TryGetValue(step, out var invoke)
            ? invoke(target, task, args, ct)
            : throw new InvalidParameterValue($"{target.GetType().Name} has no step '{step}'.");

    /// <summary>Step names are the method names in snake_case without "Async" (EraseDevicesAsync is erase_devices).</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    private static void CheckShape(Type type, MethodInfo m)
    {
        var p = m.GetParameters();
        if (m.ReturnType != typeof(Task<StepOutcome>) || p.Length != 3 || p[0].ParameterType != typeof(ITaskContext)
            || p[1].ParameterType != typeof(JsonObject) || p[2].ParameterType != typeof(CancellationToken))
        {
            throw new InvalidOperationException(
                $"Step {type.FullName}.{m.Name} must be Task<StepOutcome> {m.Name}(ITaskContext task, JsonObject args, CancellationToken ct).");
        }
    }

    private static JsonObject? Parse(Type type, MethodInfo m, string? argsInfo)
    {
        if (argsInfo is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(argsInfo)?.AsObject();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidOperationException($"ArgsInfo of step {type.FullName}.{m.Name} is not a JSON object: {e.Message}", e);
        }
    }
}
