using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>
/// The vendor methods a <see cref="VendorInterface"/> type declares by attribute, read once per type
/// (when the interface is loaded) into a route table; calls go through cached invokers.
/// </summary>
public sealed class VendorMethodTable
{
    private static readonly string[] KnownHttpMethods = ["POST", "PUT", "GET", "PATCH", "DELETE"];
    private static readonly ConcurrentDictionary<Type, VendorMethodTable> Cache = new();

    private readonly Dictionary<string, (VendorMethodInfo Info, MethodInfo Method)> nodeMethods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (VendorMethodInfo Info, MethodInfo Method)> driverMethods = new(StringComparer.Ordinal);

    private VendorMethodTable(Type type)
    {
        foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (m.GetCustomAttribute<PassthruAttribute>() is { } p)
            {
                Check(type, m, typeof(ITaskContext), p.HttpMethods);
                var name = p.Method ?? DefaultName(m);
                Unique(type, name, nodeMethods.ContainsKey(name));
                nodeMethods[name] = (new VendorMethodInfo(name, Upper(p.HttpMethods), p.Async, p.Description, p.Attach, p.RequireExclusiveLock), m);
            }

            if (m.GetCustomAttribute<DriverPassthruAttribute>() is { } d)
            {
                Check(type, m, typeof(IDriverContext), d.HttpMethods);
                var name = d.Method ?? DefaultName(m);
                Unique(type, name, driverMethods.ContainsKey(name));
                driverMethods[name] = (new VendorMethodInfo(name, Upper(d.HttpMethods), d.Async, d.Description, d.Attach, null), m);
            }
        }

        NodeMethods = nodeMethods.ToDictionary(kv => kv.Key, kv => kv.Value.Info);
        DriverMethods = driverMethods.ToDictionary(kv => kv.Key, kv => kv.Value.Info);
    }

    /// <summary>Node methods by public name.</summary>
    public IReadOnlyDictionary<string, VendorMethodInfo> NodeMethods { get; }

    /// <summary>Driver methods by public name.</summary>
    public IReadOnlyDictionary<string, VendorMethodInfo> DriverMethods { get; }

    public static VendorMethodTable For(Type type) => Cache.GetOrAdd(type, t => new VendorMethodTable(t));

    public VendorMethodInfo? FindNodeMethod(string name) => nodeMethods.TryGetValue(name, out var e) ? e.Info : null;

    public VendorMethodInfo? FindDriverMethod(string name) => driverMethods.TryGetValue(name, out var e) ? e.Info : null;

    /// <summary>Calls a node method; the result is whatever the method returned (null for a plain Task).</summary>
    public Task<object?> InvokeNodeMethodAsync(object target, string name, ITaskContext task, string httpMethod, JsonObject args, CancellationToken ct) =>
        InvokeAsync(target, nodeMethods[name].Method, task, httpMethod, args, ct);

    /// <summary>Calls a driver method.</summary>
    public Task<object?> InvokeDriverMethodAsync(object target, string name, IDriverContext context, string httpMethod, JsonObject args, CancellationToken ct) =>
        InvokeAsync(target, driverMethods[name].Method, context, httpMethod, args, ct);

    private static async Task<object?> InvokeAsync(object target, MethodInfo m, object first, string httpMethod, JsonObject args, CancellationToken ct)
    {
        var task = (Task)m.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [first, httpMethod, args, ct], null)!;
        await task.ConfigureAwait(false);
        return m.ReturnType.IsGenericType ? m.ReturnType.GetProperty("Result")!.GetValue(task) : null;
    }

    private static void Unique(Type type, string name, bool taken)
    {
        if (taken)
        {
            throw new InvalidOperationException($"{type.FullName} declares the vendor method '{name}' twice.");
        }
    }

    private static string DefaultName(MethodInfo m) =>
        StepTable.ToSnakeCase(m.Name.EndsWith("Async", StringComparison.Ordinal) ? m.Name[..^5] : m.Name);

    private static string[] Upper(IReadOnlyList<string> methods) => [.. methods.Select(h => h.ToUpperInvariant())];

    private static void Check(Type type, MethodInfo m, Type firstParameter, IReadOnlyList<string> httpMethods)
    {
        var p = m.GetParameters();
        if (!typeof(Task).IsAssignableFrom(m.ReturnType) || p.Length != 4 || p[0].ParameterType != firstParameter
            || p[1].ParameterType != typeof(string) || p[2].ParameterType != typeof(JsonObject) || p[3].ParameterType != typeof(CancellationToken))
        {
            throw new InvalidOperationException(
                $"Vendor method {type.FullName}.{m.Name} must be Task or Task<T> {m.Name}({firstParameter.Name}, string httpMethod, JsonObject args, CancellationToken ct).");
        }

        if (httpMethods.Count == 0 || httpMethods.Any(h => !KnownHttpMethods.Contains(h.ToUpperInvariant())))
        {
            throw new InvalidOperationException(
                $"Vendor method {type.FullName}.{m.Name} must declare HTTP methods among {string.Join(", ", KnownHttpMethods)}.");
        }
    }
}
