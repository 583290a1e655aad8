using System.Text.Json.Nodes;

namespace Ironic.Drivers;

/// <summary>A clean or deploy step as Ironic describes it: <c>{"interface", "step", "priority", "abortable", "argsinfo"}</c>.</summary>
public sealed record StepInfo(string Interface, string Step, int Priority, bool Abortable, JsonObject? ArgsInfo, bool RequiresRamdisk)
{
    public JsonObject ToJson() => new()
    {
        ["interface"] = Interface,
        ["step"] = Step,
        ["priority"] = Priority,
        ["abortable"] = Abortable,
        ["argsinfo"] = ArgsInfo?.DeepClone(),
        ["requires_ramdisk"] = RequiresRamdisk,
    };
}
