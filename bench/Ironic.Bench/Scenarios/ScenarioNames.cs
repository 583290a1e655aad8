namespace Ironic.Bench.Scenarios;

/// <summary>The scenario groups <c>--scenarios</c> accepts, in the order they run, and the result rows each produces.</summary>
internal static class ScenarioNames
{
    public const string Create = "create";
    public const string List = "list";
    public const string Patch = "patch";
    public const string Power = "power";
    public const string Lifecycle = "lifecycle";
    public const string Ports = "ports";
    public const string Delete = "delete";

    /// <summary>Run order: each group leaves the nodes where the next one expects them.</summary>
    public static readonly IReadOnlyList<string> All = [Create, List, Patch, Power, Lifecycle, Ports, Delete];

    public static readonly IReadOnlyDictionary<string, string[]> Rows = new Dictionary<string, string[]>
    {
        [Create] = ["create"],
        [List] = ["list-detail", "list-fields", "get-by-name"],
        [Patch] = ["patch"],
        [Power] = ["power-on", "power-off"],
        [Lifecycle] = ["lifecycle", "lifecycle/manage", "lifecycle/provide", "lifecycle/deploy", "lifecycle/undeploy"],
        [Ports] = ["port-create", "port-list"],
        [Delete] = ["delete"],
    };
}
