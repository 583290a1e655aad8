using System.Globalization;
using System.Text.Json.Nodes;
using Ironic.Drivers.Objects;

namespace MyDriver;

/// <summary>
/// A pretend BMC job (a real BMC queues BIOS changes as a job and applies them at the next boot), kept in
/// the node's <c>driver_internal_info</c> under <see cref="Key"/>: the node is where per-node state belongs,
/// since ironic shares one interface instance between all nodes and conductors may restart.
/// </summary>
internal sealed record BiosJob(string Id, string Step, DateTimeOffset Due, bool Fail)
{
    public const string Key = "my_driver_bios_job";

    /// <summary>The job recorded on the node, or null.</summary>
    public static BiosJob? Read(Node node) =>
        node.DriverInternalInfo[Key] is JsonObject job
            ? new BiosJob(
                job["id"]!.GetValue<string>(),
                job["step"]!.GetValue<string>(),
                DateTimeOffset.Parse(job["due"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                job["fail"]?.GetValue<bool>() == true)
            : null;

    /// <summary>Records the job on the node; the caller saves it.</summary>
    public void Write(Node node) => node.DriverInternalInfo[Key] = new JsonObject
    {
        ["id"] = Id,
        ["step"] = Step,
        ["due"] = Due.ToString("O", CultureInfo.InvariantCulture),
        ["fail"] = Fail,
    };
}
