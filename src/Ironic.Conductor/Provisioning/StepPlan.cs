using System.Text.Json.Nodes;
using Ironic.Drivers;

namespace Ironic.Conductor.Provisioning;

/// <summary>
/// Which clean or deploy steps run, in order: automated ones are every enabled step (priority above
/// zero) of the node's interfaces, highest priority first; manual ones are the operator's list,
/// checked against what the interfaces declare and their <c>argsinfo</c>.
/// </summary>
internal static class StepPlan
{
    // Ironic breaks priority ties by interface, in this order.
    private static readonly string[] InterfaceOrder =
        [InterfaceKind.Power, InterfaceKind.Management, InterfaceKind.Deploy, InterfaceKind.Bios, InterfaceKind.Raid];

    public static List<JsonObject> Automated(ITaskContext task, bool deploy, IReadOnlyDictionary<string, int>? overrides = null) =>
    [
        .. Declared(task, deploy)
            .Select(s => overrides?.TryGetValue($"{s.Interface}.{s.Step}", out var p) == true ? s with { Priority = p } : s)
            .Where(s => s.Priority > 0)
            .OrderByDescending(s => s.Priority)
            .ThenBy(s => Array.IndexOf(InterfaceOrder, s.Interface) is var i && i < 0 ? int.MaxValue : i)
            .Select(s => Json(s, null)),
    ];

    /// <summary>
    /// Checks the operator's steps (each {interface, step, args?, priority?}) and resolves them. With
    /// <paramref name="deferRamdiskSteps"/>, a step of the deploy interface that it cannot list yet (its agent has
    /// not reported its steps) is kept as asked, for the plan to be checked again once the agent is up.
    /// </summary>
    public static List<JsonObject> Manual(ITaskContext task, JsonArray requested, bool deploy, bool deferRamdiskSteps = false)
    {
        var declared = Declared(task, deploy).ToList();
        var plan = new List<JsonObject>();
        foreach (var item in requested)
        {
            if (item is not JsonObject r || !TryString(r["interface"], out var iface) || !TryString(r["step"], out var name)
                || r["args"] is not (null or JsonObject))
            {
                throw new InvalidParameterValue(
                    $"Each {(deploy ? "deploy" : "clean")} step must be an object with string 'interface' and 'step' and optional object 'args'.");
            }

            var step = declared.FirstOrDefault(s => s.Interface == iface && s.Step == name);
            if (step is null && deferRamdiskSteps && iface == InterfaceKind.Deploy)
            {
                plan.Add(Json(new StepInfo(iface, name, 0, false, null, RequiresRamdisk: true), r["args"] as JsonObject ?? []));
                continue;
            }

            if (step is null)
            {
                throw new InvalidParameterValue(
                    $"No {(deploy ? "deploy" : "clean")} step named '{name}' on the {iface} interface of node {task.Node.Uuid}. " +
                    $"Available: {string.Join(", ", declared.Select(s => $"{s.Interface}.{s.Step}"))}.");
            }

            var args = r["args"] as JsonObject ?? [];
            CheckArgs(step, args, task.Node.Uuid);
            plan.Add(Json(step, args));
        }

        return plan;
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        return node is JsonValue v && v.TryGetValue(out value!);
    }

    public static StepInfo Info(JsonObject step) => new(
        step["interface"]!.GetValue<string>(), step["step"]!.GetValue<string>(), step["priority"]?.GetValue<int>() ?? 0,
        step["abortable"]?.GetValue<bool>() ?? false, step["argsinfo"] as JsonObject, step["requires_ramdisk"]?.GetValue<bool>() ?? false);

    private static IEnumerable<StepInfo> Declared(ITaskContext task, bool deploy) =>
        InterfaceKind.All.SelectMany(kind =>
        {
            var iface = task.Driver.Get(kind);
            return deploy ? iface.GetDeploySteps(task) : iface.GetCleanSteps(task);
        });

    private static void CheckArgs(StepInfo step, JsonObject args, string node)
    {
        var info = step.ArgsInfo ?? [];
        var unknown = args.Select(kv => kv.Key).Where(k => !info.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidParameterValue($"{step.Interface}.{step.Step} of node {node} got unexpected arguments: {string.Join(", ", unknown)}.");
        }

        var missing = info.Where(kv => kv.Value?["required"]?.GetValue<bool>() == true && !args.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidParameterValue($"{step.Interface}.{step.Step} of node {node} is missing required arguments: {string.Join(", ", missing)}.");
        }
    }

    private static JsonObject Json(StepInfo s, JsonObject? args)
    {
        var o = s.ToJson();
        o["args"] = args?.DeepClone() ?? new JsonObject();
        return o;
    }
}
